package dev.latchkey.access;

import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;

import java.util.List;
import java.util.function.Function;

/**
 * Who may manage which tokens and grant which roles (docs/design.md §2). Every method takes the workspace the target
 * entity belongs to, already resolved from the entity registry, so the rules stay pure.
 */
public final class TokenAccess {

    private TokenAccess() {
    }

    /**
     * Whether the caller may create, update, re-role, rotate or delete a token of this scope on this entity:
     * Organization Owner for organization tokens, Workspace Operator or above for workspace tokens, Workspace Owner
     * of the deployment's workspace for deployment tokens.
     */
    public static boolean canManage(RoleSet caller, Scope scope, String workspaceId) {
        return switch (scope) {
            case ORGANIZATION -> caller.isOrganizationOwner();
            case WORKSPACE -> caller.holdsOnWorkspace(workspaceId, Role.WORKSPACE_OPERATOR);
            case DEPLOYMENT -> caller.holdsOnWorkspace(workspaceId, Role.WORKSPACE_OWNER);
        };
    }

    /**
     * No privilege escalation: the caller must hold at least this role at this entity. For a dag entry that means
     * Deployment Admin on its deployment, Workspace Author or above on the workspace, or the same dag role or higher.
     */
    public static boolean canGrant(RoleSet caller, RoleAssignment entry, String workspaceId) {
        if (entry.isCustom()) {
            return holdsEvery(caller, entry, workspaceId);
        }
        Role role = entry.role();
        return switch (entry.entityType()) {
            case ORGANIZATION -> caller.organizationRole().filter(r -> r.includes(role)).isPresent();
            case WORKSPACE -> caller.holdsOnWorkspace(workspaceId, role);
            case DEPLOYMENT -> caller.isDeploymentAdmin(entry.entityId(), workspaceId);
            case DAG, DAG_TAG -> caller.isDeploymentAdmin(entry.deploymentId(), workspaceId)
                    || caller.holdsOnWorkspace(workspaceId, Role.WORKSPACE_AUTHOR)
                    || caller.dagRole(entry.entityId(), entry.deploymentId()).filter(r -> r.includes(role)).isPresent();
        };
    }

    /**
     * No escalation through a custom role: the caller must itself be granted, at the entry's entity, every permission
     * the role lists (by any of its roles, built-in or custom), as validate would answer.
     */
    private static boolean holdsEvery(RoleSet caller, RoleAssignment entry, String workspaceId) {
        ResourcePath at = switch (entry.entityType()) {
            case DEPLOYMENT -> new ResourcePath(null, workspaceId, entry.entityId(), null);
            case DAG -> new ResourcePath(null, workspaceId, entry.deploymentId(), entry.entityId());
            case DAG_TAG -> new ResourcePath(null, workspaceId, entry.deploymentId(), null, List.of(entry.entityId()));
            case ORGANIZATION, WORKSPACE -> null;
        };
        return at != null && entry.custom().permissions().stream().allMatch(id -> Permission.parse(id)
                .filter(p -> PermissionCheck.permits(caller, p, at)).isPresent());
    }

    /**
     * Whether the caller manages the entity a role entry points at: Workspace Operator or above on the workspace
     * (for workspace, deployment and dag entries). Such a caller may change those entries on tokens it cannot manage
     * as a whole, such as an organization token that was given a role in its workspace.
     */
    public static boolean managesEntityOf(RoleSet caller, RoleAssignment entry, String workspaceId) {
        if (entry.entityType() == EntityType.ORGANIZATION) {
            return caller.isOrganizationOwner();
        }
        return caller.holdsOnWorkspace(workspaceId, Role.WORKSPACE_OPERATOR);
    }

    /**
     * Whether the caller may read a token it cannot manage because the token holds a role in a workspace the caller
     * operates: at least one of its non-organization entries points at an entity the caller manages.
     */
    public static boolean managesAnEntryOf(RoleSet caller, List<RoleAssignment> entries, Function<RoleAssignment, String> workspaceOf) {
        return entries.stream().anyMatch(r -> r.entityType() != EntityType.ORGANIZATION && managesEntityOf(caller, r, workspaceOf.apply(r)));
    }
}
