package dev.latchkey.access;

import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;

/**
 * Answers "does this role set grant permission P on this resource". Pure: the caller has already checked that the
 * resource is inside the token's scope.
 */
public final class PermissionCheck {

    private PermissionCheck() {
    }

    public static boolean permits(RoleSet roles, Permission permission, ResourcePath at) {
        return switch (permission.level()) {
            case ORGANIZATION -> roles.organizationRole().filter(r -> r.includes(permission.leastOrganizationRole())).isPresent();
            case WORKSPACE -> workspaceGrants(roles, permission, at.workspaceId());
            case DEPLOYMENT -> deploymentGrants(roles, permission, at);
            case DAG -> deploymentGrants(roles, permission, at) || dagGrants(roles, permission, at);
        };
    }

    private static boolean workspaceGrants(RoleSet roles, Permission permission, String workspaceId) {
        Role least = permission.leastWorkspaceRole();
        return least != null && roles.holdsOnWorkspace(workspaceId, least);
    }

    private static boolean deploymentGrants(RoleSet roles, Permission permission, ResourcePath at) {
        if (workspaceGrants(roles, permission, at.workspaceId())) {
            return true;
        }
        return roles.entries().stream().anyMatch(r -> r.entityType() == EntityType.DEPLOYMENT && r.entityId().equals(at.deploymentId())
                && (r.role() == Role.DEPLOYMENT_ADMIN ? permission.grantedByDeploymentAdmin() : lists(r, permission)));
    }

    /** A custom entry grants exactly the permissions copied into it (a DEPLOYMENT role's dag ones on every dag of it). */
    private static boolean lists(RoleAssignment r, Permission permission) {
        return r.isCustom() && r.custom().permissions().contains(permission.id());
    }

    /** A DAG role on the dag itself, or a DAG_TAG role on one of the tags the caller says the dag carries. */
    private static boolean dagGrants(RoleSet roles, Permission permission, ResourcePath at) {
        // Every DAG-level permission names one (PermissionCatalogueTest): only DAG-level questions come here.
        Role least = permission.leastDagRole();
        return roles.entries().stream().anyMatch(r -> (r.includes(least) || lists(r, permission))
                && at.deploymentId().equals(r.deploymentId())
                && ((r.entityType() == EntityType.DAG && r.entityId().equals(at.dagId()))
                || (r.entityType() == EntityType.DAG_TAG && at.dagTags().contains(r.entityId()))));
    }
}
