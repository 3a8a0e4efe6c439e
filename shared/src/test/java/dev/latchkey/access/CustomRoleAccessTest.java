package dev.latchkey.access;

import dev.latchkey.domain.CustomRole;
import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Custom role entries in the pure rules: they grant exactly the permissions copied into them, where they are held,
 * and no built-in right; granting one needs every permission it lists there. Deployment {@code d1} in {@code w1}.
 */
class CustomRoleAccessTest {

    static final ResourcePath D1 = new ResourcePath("o", "w1", "d1", null);

    static RoleAssignment.CustomGrant grant(String... permissions) {
        return new RoleAssignment.CustomGrant("c-role", "Custom", List.of(permissions), 3);
    }

    static RoleSet holding(RoleAssignment... entries) {
        return new RoleSet(List.of(entries));
    }

    @ParameterizedTest(name = "{0} on {1} asked {2} at {3}/{4} -> {5}")
    @CsvSource({
            // entry type, entry id, permission,          deployment, dag,   granted
            "DEPLOYMENT,   d1,       deployment.deploy,   d1,         ,      true",
            "DEPLOYMENT,   d1,       deployment.update,   d1,         ,      false",
            "DEPLOYMENT,   d1,       deployment.deploy,   d2,         ,      false",
            "DEPLOYMENT,   d1,       dag.trigger,         d1,         etl,   true",
            "DEPLOYMENT,   d1,       dag.edit,            d1,         etl,   false",
            "DEPLOYMENT,   d1,       workspace.read,      d1,         ,      false",
            "DAG,          etl,      dag.trigger,         d1,         etl,   true",
            "DAG,          etl,      dag.trigger,         d1,         other, false",
            "DAG,          etl,      dag.trigger,         d2,         etl,   false",
            "DAG,          etl,      deployment.deploy,   d1,         ,      false",
    })
    void aCustomEntryGrantsItsPermissionsWhereItIsHeld(EntityType type, String entityId, String permission, String deployment,
                                                       String dag, boolean granted) {
        RoleAssignment entry = RoleAssignment.custom(type, entityId, type.isDag() ? "d1" : null,
                grant("deployment.deploy", "dag.trigger"));
        assertEquals(granted, PermissionCheck.permits(holding(entry), Permission.parse(permission).orElseThrow(),
                new ResourcePath("o", "w1", deployment, dag)));
    }

    @Test
    void aDagTagEntryGrantsTheDagsCarryingTheTag() {
        RoleSet roles = holding(RoleAssignment.custom(EntityType.DAG_TAG, "nightly", "d1", grant("dag.read")));
        assertTrue(PermissionCheck.permits(roles, Permission.DAG_READ, new ResourcePath("o", "w1", "d1", "etl", List.of("nightly"))));
        assertFalse(PermissionCheck.permits(roles, Permission.DAG_READ, new ResourcePath("o", "w1", "d1", "etl", List.of("hourly"))));
    }

    @Test
    void aCustomEntryHoldsNoBuiltInRight() {
        RoleSet roles = holding(RoleAssignment.custom(EntityType.DEPLOYMENT, "d1", null,
                grant(Arrays.stream(Permission.values()).filter(p -> p.fitsCustomRole(CustomRole.ScopeType.DEPLOYMENT))
                        .map(Permission::id).toArray(String[]::new))));
        assertFalse(roles.isDeploymentAdmin("d1", "w1"));
        assertFalse(roles.operatesAnyWorkspace());
        assertFalse(TokenAccess.canGrant(roles, RoleAssignment.of(EntityType.DEPLOYMENT, "d1", Role.DEPLOYMENT_ADMIN), "w1"));
        assertFalse(TokenAccess.canGrant(roles, new RoleAssignment(EntityType.DAG, "etl", Role.DAG_VIEWER, "d1"), "w1"));
        assertTrue(PermissionCheck.permits(roles, Permission.DEPLOYMENT_TOKENS_MANAGE, D1));
    }

    @ParameterizedTest(name = "{0} on {1} grants a custom {2} role with {3} -> {4}")
    @CsvSource({
            // caller role,        caller entity, entry type, permissions,                         allowed
            "WORKSPACE_OWNER,      w1,  DEPLOYMENT, deployment.deploy deployment.tokens.manage,  true",
            "WORKSPACE_OPERATOR,   w1,  DEPLOYMENT, deployment.deploy deployment.env.update,     true",
            "WORKSPACE_OPERATOR,   w1,  DEPLOYMENT, deployment.deploy deployment.tokens.manage,  false",
            "WORKSPACE_AUTHOR,     w1,  DEPLOYMENT, deployment.deploy,                           true",
            "WORKSPACE_AUTHOR,     w1,  DEPLOYMENT, deployment.update,                           false",
            "WORKSPACE_OWNER,      w2,  DEPLOYMENT, deployment.read,                             false",
            "DEPLOYMENT_ADMIN,     d1,  DEPLOYMENT, deployment.update dag.edit,                  true",
            "DEPLOYMENT_ADMIN,     d1,  DEPLOYMENT, deployment.tokens.manage,                    false",
            "WORKSPACE_ACCESSOR,   w1,  DAG,        dag.read,                                    true",
            "WORKSPACE_ACCESSOR,   w1,  DAG,        dag.read dag.trigger,                        false",
            "WORKSPACE_ACCESSOR,   w1,  DAG_TAG,    dag.read,                                    true",
            "WORKSPACE_ACCESSOR,   w1,  DAG_TAG,    dag.edit,                                    false",
            "ORGANIZATION_OWNER,   o,   DAG,        dag.edit,                                    true",
            "ORGANIZATION_MEMBER,  o,   DAG,        dag.read,                                    false",
    })
    void grantingACustomRoleNeedsEachOfItsPermissionsThere(Role callerRole, String callerEntity, EntityType type, String permissions,
                                                          boolean allowed) {
        EntityType callerType = callerRole.fits(EntityType.ORGANIZATION) ? EntityType.ORGANIZATION
                : callerRole.fits(EntityType.WORKSPACE) ? EntityType.WORKSPACE : EntityType.DEPLOYMENT;
        RoleSet caller = holding(RoleAssignment.of(callerType, callerEntity, callerRole));
        RoleAssignment entry = RoleAssignment.custom(type, type == EntityType.DEPLOYMENT ? "d1" : "etl",
                type.isDag() ? "d1" : null, grant(permissions.split(" ")));
        assertEquals(allowed, TokenAccess.canGrant(caller, entry, "w1"));
    }

    @Test
    void aCustomRoleOnAnOrganizationOrWorkspaceIsNeverGrantable() {
        RoleSet owner = holding(RoleAssignment.of(EntityType.ORGANIZATION, "o", Role.ORGANIZATION_OWNER));
        assertFalse(TokenAccess.canGrant(owner, RoleAssignment.custom(EntityType.WORKSPACE, "w1", null, grant("deployment.read")), "w1"));
        assertFalse(TokenAccess.canGrant(owner, RoleAssignment.custom(EntityType.ORGANIZATION, "o", null, grant("deployment.read")), null));
    }

    @Test
    void theScopeTypeDecidesWhichPermissionsARoleMayList() {
        for (Permission p : Permission.values()) {
            assertEquals(p.level() == Permission.Level.DEPLOYMENT || p.level() == Permission.Level.DAG,
                    p.fitsCustomRole(CustomRole.ScopeType.DEPLOYMENT), p.id());
            assertEquals(p.level() == Permission.Level.DAG, p.fitsCustomRole(CustomRole.ScopeType.DAG), p.id());
            assertFalse(p.description().isBlank());
        }
        assertTrue(CustomRole.ScopeType.DEPLOYMENT.fits(EntityType.DEPLOYMENT));
        assertFalse(CustomRole.ScopeType.DEPLOYMENT.fits(EntityType.DAG));
        assertTrue(CustomRole.ScopeType.DAG.fits(EntityType.DAG_TAG));
        assertFalse(CustomRole.ScopeType.DAG.fits(EntityType.DEPLOYMENT));
    }

    @Test
    void placementTakesACustomEntryAsTheTokensOwnRole() {
        RoleAssignment own = RoleAssignment.custom(EntityType.DEPLOYMENT, "d1", null, grant("deployment.read"));
        RolePlacement.check(Scope.DEPLOYMENT, "d1", "w1", List.of(own), Map.of(own.target(), "w1"));
        RoleAssignment elsewhere = RoleAssignment.custom(EntityType.DEPLOYMENT, "d2", null, grant("deployment.read"));
        assertThrows(dev.latchkey.error.LatchkeyException.class, () -> RolePlacement.check(Scope.DEPLOYMENT, "d1", "w1",
                List.of(own, elsewhere), Map.of(own.target(), "w1", elsewhere.target(), "w1")));
    }

    @Test
    void anEntryIsBuiltInOrCustomNeverBothOrNeither() {
        assertThrows(IllegalArgumentException.class, () -> new RoleAssignment(EntityType.DEPLOYMENT, "d1", Role.DEPLOYMENT_ADMIN, null,
                grant("deployment.read")));
        assertThrows(IllegalArgumentException.class, () -> new RoleAssignment(EntityType.DEPLOYMENT, "d1", null, null, null));
        RoleAssignment custom = RoleAssignment.custom(EntityType.DEPLOYMENT, "d1", null, grant("deployment.read"));
        assertEquals("Custom", custom.roleName());
        assertFalse(custom.includes(Role.WORKSPACE_ACCESSOR));
        assertTrue(custom.sameGrantAs(custom.withCustom(new RoleAssignment.CustomGrant("c-role", "Renamed", List.of(), 9))));
        assertFalse(custom.sameGrantAs(custom.withCustom(new RoleAssignment.CustomGrant("c-other", "Custom", List.of(), 3))));
        assertFalse(custom.sameGrantAs(RoleAssignment.of(EntityType.DEPLOYMENT, "d1", Role.DEPLOYMENT_ADMIN)));
        assertFalse(custom.sameGrantAs(null));
    }
}
