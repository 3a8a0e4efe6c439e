package dev.latchkey.access;

import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The permission catalogue against every role, on organization {@code o}, workspace {@code w1}, deployment {@code d1}
 * in {@code w1} and dag {@code etl} in {@code d1}. Columns: the roles in the header order; 'x' grants, '.' does not.
 */
class PermissionMatrixTest {

    private static final Role[] ROLES = {
            Role.ORGANIZATION_OWNER, Role.ORGANIZATION_BILLING_ADMIN, Role.ORGANIZATION_MEMBER,
            Role.WORKSPACE_OWNER, Role.WORKSPACE_OPERATOR, Role.WORKSPACE_AUTHOR, Role.WORKSPACE_MEMBER, Role.WORKSPACE_ACCESSOR,
            Role.DEPLOYMENT_ADMIN, Role.DAG_AUTHOR, Role.DAG_VIEWER};

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            //                              OO OB OM WO WP WA WM WX DA GA GV
            "organization.read,             x  x  x  .  .  .  .  .  .  .  .",
            "organization.billing.manage,   x  x  .  .  .  .  .  .  .  .  .",
            "organization.tokens.manage,    x  .  .  .  .  .  .  .  .  .  .",
            "organization.workspaces.manage,x  .  .  .  .  .  .  .  .  .  .",
            "workspace.read,                x  .  .  x  x  x  x  x  .  .  .",
            "workspace.deployments.create,  x  .  .  x  x  .  .  .  .  .  .",
            "workspace.tokens.manage,       x  .  .  x  x  .  .  .  .  .  .",
            "workspace.users.manage,        x  .  .  x  .  .  .  .  .  .  .",
            "deployment.read,               x  .  .  x  x  x  x  x  x  .  .",
            "deployment.logs.read,          x  .  .  x  x  x  x  .  x  .  .",
            "deployment.deploy,             x  .  .  x  x  x  .  .  x  .  .",
            "deployment.update,             x  .  .  x  x  .  .  .  x  .  .",
            "deployment.env.update,         x  .  .  x  x  .  .  .  x  .  .",
            "deployment.tokens.manage,      x  .  .  x  .  .  .  .  .  .  .",
            "dag.read,                      x  .  .  x  x  x  x  x  x  x  x",
            "dag.trigger,                   x  .  .  x  x  x  .  .  x  x  .",
            "dag.edit,                      x  .  .  x  x  x  .  .  x  x  .",
    })
    void catalogue(String permissionId, String row) {
        Permission permission = Permission.parse(permissionId).orElseThrow();
        String[] cells = row.trim().split("\\s+");
        assertEquals(ROLES.length, cells.length);
        ResourcePath at = new ResourcePath("o", "w1", "d1", "etl");
        for (int i = 0; i < ROLES.length; i++) {
            boolean expected = cells[i].equals("x");
            assertEquals(expected, PermissionCheck.permits(holding(ROLES[i]), permission, at), ROLES[i] + " / " + permissionId);
        }
    }

    @ParameterizedTest(name = "{0} elsewhere")
    @CsvSource({"deployment.deploy", "dag.read", "workspace.read"})
    void rolesGrantNothingOnOtherEntities(String permissionId) {
        Permission permission = Permission.parse(permissionId).orElseThrow();
        ResourcePath elsewhere = new ResourcePath("o", "w2", "d2", "other");
        for (Role role : ROLES) {
            boolean expected = role == Role.ORGANIZATION_OWNER;
            assertEquals(expected, PermissionCheck.permits(holding(role), permission, elsewhere), role.name());
        }
    }

    @org.junit.jupiter.api.Test
    void dagTagRolesReachDagsCarryingTheTagOnTheirDeploymentOnly() {
        RoleSet tagged = new RoleSet(List.of(new RoleAssignment(EntityType.DAG_TAG, "finance", Role.DAG_AUTHOR, "d1")));
        Permission trigger = Permission.DAG_TRIGGER;
        assertEquals(true, PermissionCheck.permits(tagged, trigger, new ResourcePath("o", "w1", "d1", "etl", List.of("finance", "daily"))));
        assertEquals(false, PermissionCheck.permits(tagged, trigger, new ResourcePath("o", "w1", "d1", "etl", List.of("daily"))));
        assertEquals(false, PermissionCheck.permits(tagged, trigger, new ResourcePath("o", "w1", "d2", "etl", List.of("finance"))));
        RoleSet viewer = new RoleSet(List.of(new RoleAssignment(EntityType.DAG_TAG, "finance", Role.DAG_VIEWER, "d1")));
        assertEquals(false, PermissionCheck.permits(viewer, trigger, new ResourcePath("o", "w1", "d1", "etl", List.of("finance"))));
        assertEquals(true, PermissionCheck.permits(viewer, Permission.DAG_READ, new ResourcePath("o", "w1", "d1", "etl", List.of("finance"))));
    }

    private static RoleSet holding(Role role) {
        RoleAssignment entry = switch (TokenAccessMatrixTest.entityTypeOf(role)) {
            case ORGANIZATION -> RoleAssignment.of(EntityType.ORGANIZATION, "o", role);
            case WORKSPACE -> RoleAssignment.of(EntityType.WORKSPACE, "w1", role);
            case DEPLOYMENT -> RoleAssignment.of(EntityType.DEPLOYMENT, "d1", role);
            default -> new RoleAssignment(EntityType.DAG, "etl", role, "d1");
        };
        return new RoleSet(List.of(entry));
    }

    @org.junit.jupiter.api.Test
    void exactlyTheDagLevelPermissionsNameTheLeastDagRoleThatGrantsThem() {
        // PermissionCheck asks a DAG-level permission for its dag role without a null check: a catalogue entry that broke
        // this would fail here, not as a 500 at validate time.
        for (Permission p : Permission.values()) {
            assertEquals(p.level() == Permission.Level.DAG, p.leastDagRole() != null, p.id());
        }
    }
}
