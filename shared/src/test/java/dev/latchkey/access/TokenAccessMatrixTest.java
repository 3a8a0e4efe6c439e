package dev.latchkey.access;

import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/design.md §2, "who manages whom" and "no privilege escalation", as a table: a caller holding one role asks to
 * create a token of a scope with a role on an entity. Organization {@code o}; workspaces {@code w1}, {@code w2};
 * deployment {@code d1} in {@code w1}.
 */
class TokenAccessMatrixTest {

    @ParameterizedTest(name = "{0} on {1}: {2} token on {3} with {4} -> {5}")
    @CsvSource({
            // caller role,              caller entity, target scope, target entity, granted role,            allowed
            "ORGANIZATION_OWNER,         o,  ORGANIZATION, o,  ORGANIZATION_OWNER,         true",
            "ORGANIZATION_OWNER,         o,  ORGANIZATION, o,  ORGANIZATION_MEMBER,        true",
            "ORGANIZATION_OWNER,         o,  WORKSPACE,    w1, WORKSPACE_OWNER,            true",
            "ORGANIZATION_OWNER,         o,  DEPLOYMENT,   d1, DEPLOYMENT_ADMIN,           true",
            "ORGANIZATION_BILLING_ADMIN, o,  ORGANIZATION, o,  ORGANIZATION_MEMBER,        false",
            "ORGANIZATION_BILLING_ADMIN, o,  WORKSPACE,    w1, WORKSPACE_ACCESSOR,         false",
            "ORGANIZATION_MEMBER,        o,  ORGANIZATION, o,  ORGANIZATION_MEMBER,        false",
            "ORGANIZATION_MEMBER,        o,  WORKSPACE,    w1, WORKSPACE_ACCESSOR,         false",
            "ORGANIZATION_OBSERVE_ADMIN, o,  ORGANIZATION, o,  ORGANIZATION_OBSERVE_MEMBER, false",
            "WORKSPACE_OWNER,            w1, WORKSPACE,    w1, WORKSPACE_OWNER,            true",
            "WORKSPACE_OWNER,            w1, WORKSPACE,    w2, WORKSPACE_MEMBER,           false",
            "WORKSPACE_OWNER,            w1, DEPLOYMENT,   d1, DEPLOYMENT_ADMIN,           true",
            "WORKSPACE_OWNER,            w1, ORGANIZATION, o,  ORGANIZATION_MEMBER,        false",
            "WORKSPACE_OPERATOR,         w1, WORKSPACE,    w1, WORKSPACE_OPERATOR,         true",
            "WORKSPACE_OPERATOR,         w1, WORKSPACE,    w1, WORKSPACE_ACCESSOR,         true",
            "WORKSPACE_OPERATOR,         w1, WORKSPACE,    w1, WORKSPACE_OWNER,            false",
            "WORKSPACE_OPERATOR,         w1, DEPLOYMENT,   d1, DEPLOYMENT_ADMIN,           false",
            "WORKSPACE_AUTHOR,           w1, WORKSPACE,    w1, WORKSPACE_MEMBER,           false",
            "WORKSPACE_MEMBER,           w1, WORKSPACE,    w1, WORKSPACE_ACCESSOR,         false",
            "WORKSPACE_ACCESSOR,         w1, WORKSPACE,    w1, WORKSPACE_ACCESSOR,         false",
            "DEPLOYMENT_ADMIN,           d1, DEPLOYMENT,   d1, DEPLOYMENT_ADMIN,           false",
            "DEPLOYMENT_ADMIN,           d1, WORKSPACE,    w1, WORKSPACE_ACCESSOR,         false",
    })
    void createTokenMatrix(Role callerRole, String callerEntity, Scope scope, String entity, Role granted, boolean allowed) {
        RoleSet caller = new RoleSet(List.of(RoleAssignment.of(entityTypeOf(callerRole), callerEntity, callerRole)));
        String workspace = switch (scope) {
            case ORGANIZATION -> null;
            case WORKSPACE -> entity;
            case DEPLOYMENT -> "w1";
        };
        RoleAssignment entry = RoleAssignment.of(scope.entityType(), entity, granted);
        boolean result = TokenAccess.canManage(caller, scope, workspace) && TokenAccess.canGrant(caller, entry, workspace);
        assertEquals(allowed, result);
    }

    @ParameterizedTest(name = "{0} on {1} grants {3} on {2} -> {4}")
    @CsvSource({
            "ORGANIZATION_OWNER,  o,  DAG:etl@d1,     DAG_AUTHOR,       true",
            "WORKSPACE_AUTHOR,    w1, DAG:etl@d1,     DAG_AUTHOR,       true",
            "WORKSPACE_MEMBER,    w1, DAG:etl@d1,     DAG_VIEWER,       false",
            "DEPLOYMENT_ADMIN,    d1, DAG:etl@d1,     DAG_AUTHOR,       true",
            "WORKSPACE_OPERATOR,  w1, DEPLOYMENT:d1,  DEPLOYMENT_ADMIN, true",
            "WORKSPACE_AUTHOR,    w1, DEPLOYMENT:d1,  DEPLOYMENT_ADMIN, false",
            "WORKSPACE_OWNER,     w2, WORKSPACE:w1,   WORKSPACE_MEMBER, false",
            "ORGANIZATION_MEMBER, o,  ORGANIZATION:o, ORGANIZATION_OWNER, false",
            "ORGANIZATION_BILLING_ADMIN, o, ORGANIZATION:o, ORGANIZATION_MEMBER, true",
    })
    void grantMatrix(Role callerRole, String callerEntity, String target, Role granted, boolean allowed) {
        RoleSet caller = new RoleSet(List.of(RoleAssignment.of(entityTypeOf(callerRole), callerEntity, callerRole)));
        String[] typeAndId = target.split(":");
        EntityType type = EntityType.valueOf(typeAndId[0]);
        RoleAssignment entry = type == EntityType.DAG
                ? new RoleAssignment(type, typeAndId[1].split("@")[0], granted, typeAndId[1].split("@")[1])
                : RoleAssignment.of(type, typeAndId[1], granted);
        String workspace = type == EntityType.WORKSPACE ? typeAndId[1] : type == EntityType.ORGANIZATION ? null : "w1";
        assertEquals(allowed, TokenAccess.canGrant(caller, entry, workspace));
    }

    @ParameterizedTest(name = "{0} on {1} manages entries in {2} -> {3}")
    @CsvSource({
            "WORKSPACE_OPERATOR, w1, w1, true",
            "WORKSPACE_OPERATOR, w1, w2, false",
            "WORKSPACE_AUTHOR,   w1, w1, false",
            "ORGANIZATION_OWNER, o,  w2, true",
    })
    void entityManagement(Role callerRole, String callerEntity, String workspace, boolean manages) {
        RoleSet caller = new RoleSet(List.of(RoleAssignment.of(entityTypeOf(callerRole), callerEntity, callerRole)));
        assertEquals(manages, TokenAccess.managesEntityOf(caller, RoleAssignment.of(EntityType.WORKSPACE, workspace, Role.WORKSPACE_MEMBER), workspace));
    }

    static EntityType entityTypeOf(Role role) {
        for (EntityType t : EntityType.values()) {
            if (role.fits(t)) {
                return t;
            }
        }
        throw new IllegalArgumentException(role.name());
    }
}
