package dev.latchkey.access;

import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;
import dev.latchkey.error.FieldError;
import dev.latchkey.error.LatchkeyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The placement rules as a table: a token of a scope on its own entity, holding its own-entity role plus one more
 * entry, is accepted or refused with one field error on that entry. Organization {@code o}; workspaces {@code w1},
 * {@code w2}; deployments {@code d1} in {@code w1} and {@code d2} in {@code w2}; dag entries run in {@code d1} unless
 * the row says otherwise. The workspace of each entry comes from the registry, as {@link RolePlacement#check} expects.
 */
class RolePlacementTest {

    private static final Map<String, String> WORKSPACE_OF_DEPLOYMENT = Map.of("d1", "w1", "d2", "w2");

    @ParameterizedTest(name = "{0} token on {1} + {3} {2} on {4} (dag in {5}) -> {6}")
    @CsvSource(nullValues = "-", value = {
            // scope,       own, extra role,                 entity type,  entity, dag in, error code on roles[1]
            "ORGANIZATION, o,   WORKSPACE_OWNER,             WORKSPACE,    w1,     -,      -",
            "ORGANIZATION, o,   DEPLOYMENT_ADMIN,            DEPLOYMENT,   d2,     -,      -",
            "ORGANIZATION, o,   DAG_AUTHOR,                  DAG,          etl,    d1,     -",
            "ORGANIZATION, o,   DAG_VIEWER,                  DAG_TAG,      nightly, d2,    -",
            "ORGANIZATION, o,   ORGANIZATION_MEMBER,         ORGANIZATION, other,  -,      NOT_ALLOWED_FOR_SCOPE",

            "WORKSPACE,    w1,  DEPLOYMENT_ADMIN,            DEPLOYMENT,   d1,     -,      -",
            "WORKSPACE,    w1,  DAG_AUTHOR,                  DAG,          etl,    d1,     -",
            "WORKSPACE,    w1,  DAG_VIEWER,                  DAG_TAG,      nightly, d1,    -",
            "WORKSPACE,    w1,  ORGANIZATION_MEMBER,         ORGANIZATION, o,      -,      NOT_ALLOWED_FOR_SCOPE",
            "WORKSPACE,    w1,  WORKSPACE_MEMBER,            WORKSPACE,    w2,     -,      NOT_ALLOWED_FOR_SCOPE",
            "WORKSPACE,    w1,  DEPLOYMENT_ADMIN,            DEPLOYMENT,   d2,     -,      NOT_ALLOWED_FOR_SCOPE",
            "WORKSPACE,    w1,  DAG_AUTHOR,                  DAG,          etl,    d2,     NOT_ALLOWED_FOR_SCOPE",

            "DEPLOYMENT,   d1,  DAG_AUTHOR,                  DAG,          etl,    d1,     -",
            "DEPLOYMENT,   d1,  DAG_VIEWER,                  DAG_TAG,      nightly, d1,    -",
            "DEPLOYMENT,   d1,  ORGANIZATION_MEMBER,         ORGANIZATION, o,      -,      NOT_ALLOWED_FOR_SCOPE",
            "DEPLOYMENT,   d1,  WORKSPACE_ACCESSOR,          WORKSPACE,    w1,     -,      NOT_ALLOWED_FOR_SCOPE",
            "DEPLOYMENT,   d1,  DEPLOYMENT_ADMIN,            DEPLOYMENT,   d2,     -,      NOT_ALLOWED_FOR_SCOPE",
            "DEPLOYMENT,   d1,  DAG_AUTHOR,                  DAG,          etl,    d2,     NOT_ALLOWED_FOR_SCOPE",
            "DEPLOYMENT,   d1,  DAG_VIEWER,                  DAG_TAG,      nightly, d2,    NOT_ALLOWED_FOR_SCOPE",

            // Shape rules, whatever the scope: the role must fit the entity, and only dag entries name a deployment.
            "ORGANIZATION, o,   WORKSPACE_OWNER,             DEPLOYMENT,   d1,     -,      INVALID_ROLE",
            "WORKSPACE,    w1,  DAG_AUTHOR,                  DAG,          etl,    -,      REQUIRED",
            "WORKSPACE,    w1,  DEPLOYMENT_ADMIN,            DEPLOYMENT,   d1,     d1,     NOT_ALLOWED",
    })
    void placementMatrix(Scope scope, String own, Role role, EntityType type, String entity, String dagIn, String error) {
        List<RoleAssignment> roles = List.of(ownEntry(scope, own), new RoleAssignment(type, entity, role, dagIn));
        if (error == null) {
            check(scope, own, roles);
            return;
        }
        List<FieldError> errors = refusal(scope, own, roles);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(error, errors.get(0).code());
        assertEquals(error.startsWith("NOT_ALLOWED_FOR") ? "roles[1]" : "roles[1]." + (error.equals("INVALID_ROLE") ? "role" : "deploymentId"),
                errors.get(0).field());
        // The refusal says which rule it broke, so the caller can fix its request.
        String why = switch (error) {
            case "NOT_ALLOWED_FOR_SCOPE" -> scope.name().toLowerCase() + " token";
            case "INVALID_ROLE" -> "cannot be held on a " + type;
            case "REQUIRED" -> "Dag roles need a deploymentId";
            default -> "Only dag roles take a deploymentId";
        };
        assertTrue(errors.get(0).message().contains(why), errors.get(0).message());
    }

    @ParameterizedTest(name = "{0} token on {1} without its own {2} entry")
    @CsvSource({
            "ORGANIZATION, o,  WORKSPACE_OWNER,  WORKSPACE,  w1",
            "WORKSPACE,    w1, DEPLOYMENT_ADMIN, DEPLOYMENT, d1",
            "DEPLOYMENT,   d1, DAG_VIEWER,       DAG,        etl",
    })
    void aTokenNeedsExactlyOneRoleOnItsOwnEntity(Scope scope, String own, Role role, EntityType type, String entity) {
        RoleAssignment other = new RoleAssignment(type, entity, role, type.isDag() ? "d1" : null);
        List<FieldError> errors = refusal(scope, own, List.of(other));
        assertEquals(List.of("SCOPE_ROLE_REQUIRED"), errors.stream().map(FieldError::code).toList());
    }

    @Test
    void aMisplacedEntryIsTheOnlyErrorReportedNotAlsoAMissingOwnRole() {
        // The own-role rule speaks only when every entry is well placed: one problem, named once.
        List<FieldError> errors = refusal(Scope.WORKSPACE, "w1", List.of(RoleAssignment.of(EntityType.WORKSPACE, "w2", Role.WORKSPACE_MEMBER)));
        assertEquals(List.of("NOT_ALLOWED_FOR_SCOPE"), errors.stream().map(FieldError::code).toList());
    }

    @Test
    void twoRolesOnTheSameEntityAreADuplicate() {
        List<RoleAssignment> roles = List.of(ownEntry(Scope.ORGANIZATION, "o"),
                RoleAssignment.of(EntityType.WORKSPACE, "w1", Role.WORKSPACE_OWNER),
                RoleAssignment.of(EntityType.WORKSPACE, "w1", Role.WORKSPACE_MEMBER));
        List<FieldError> errors = refusal(Scope.ORGANIZATION, "o", roles);
        assertEquals(List.of(new FieldError("roles[2]", "DUPLICATE", errors.get(0).message())), errors);
    }

    @Test
    void aTokenHoldsOneToFiftyRoles() {
        assertEquals("REQUIRED", refusal(Scope.ORGANIZATION, "o", List.of()).get(0).code());
        List<RoleAssignment> fifty = new ArrayList<>(List.of(ownEntry(Scope.ORGANIZATION, "o")));
        for (int i = 1; i < RolePlacement.MAX_ROLES; i++) {
            fifty.add(new RoleAssignment(EntityType.DAG, "dag-" + i, Role.DAG_VIEWER, "d1"));
        }
        check(Scope.ORGANIZATION, "o", fifty);
        fifty.add(new RoleAssignment(EntityType.DAG, "dag-50", Role.DAG_VIEWER, "d1"));
        assertEquals("TOO_MANY", refusal(Scope.ORGANIZATION, "o", fifty).get(0).code());
    }

    private static RoleAssignment ownEntry(Scope scope, String own) {
        return switch (scope) {
            case ORGANIZATION -> RoleAssignment.of(EntityType.ORGANIZATION, own, Role.ORGANIZATION_OWNER);
            case WORKSPACE -> RoleAssignment.of(EntityType.WORKSPACE, own, Role.WORKSPACE_OWNER);
            case DEPLOYMENT -> RoleAssignment.of(EntityType.DEPLOYMENT, own, Role.DEPLOYMENT_ADMIN);
        };
    }

    private static void check(Scope scope, String own, List<RoleAssignment> roles) {
        String tokenWorkspace = switch (scope) {
            case ORGANIZATION -> null;
            case WORKSPACE -> own;
            case DEPLOYMENT -> WORKSPACE_OF_DEPLOYMENT.get(own);
        };
        RolePlacement.check(scope, own, tokenWorkspace, roles, registry(roles));
    }

    private static List<FieldError> refusal(Scope scope, String own, List<RoleAssignment> roles) {
        LatchkeyException e = assertThrows(LatchkeyException.class, () -> check(scope, own, roles));
        assertEquals(LatchkeyException.Kind.INVALID_INPUT, e.kind());
        return e.fieldErrors();
    }

    /** What {@code ManagedTokens.resolveWorkspaces} reads from the registry for these entries. */
    private static Map<RoleAssignment.Target, String> registry(List<RoleAssignment> roles) {
        Map<RoleAssignment.Target, String> workspaces = new HashMap<>();
        for (RoleAssignment r : roles) {
            workspaces.put(r.target(), switch (r.entityType()) {
                case ORGANIZATION -> null;
                case WORKSPACE -> r.entityId();
                case DEPLOYMENT -> WORKSPACE_OF_DEPLOYMENT.get(r.entityId());
                case DAG, DAG_TAG -> r.deploymentId() == null ? null : WORKSPACE_OF_DEPLOYMENT.get(r.deploymentId());
            });
        }
        return workspaces;
    }
}
