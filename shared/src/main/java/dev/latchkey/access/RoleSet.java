package dev.latchkey.access;

import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;

import java.util.List;
import java.util.Optional;

/**
 * The roles one token holds, with the effective-rights questions every rule asks. An Organization Owner counts as
 * Workspace Owner on every workspace of its organization; a Workspace Operator or above counts as Deployment Admin on
 * every deployment of that workspace (Deployment Admin is Operator rights on one deployment).
 */
public final class RoleSet {

    private final List<RoleAssignment> roles;

    public RoleSet(List<RoleAssignment> roles) {
        this.roles = List.copyOf(roles);
    }

    public List<RoleAssignment> entries() {
        return roles;
    }

    public Optional<Role> organizationRole() {
        return find(EntityType.ORGANIZATION, null, null);
    }

    public boolean isOrganizationOwner() {
        return organizationRole().filter(r -> r == Role.ORGANIZATION_OWNER).isPresent();
    }

    /** The role held on a workspace, counting the Organization Owner's implied Workspace Owner. */
    public Optional<Role> effectiveWorkspaceRole(String workspaceId) {
        if (isOrganizationOwner()) {
            return Optional.of(Role.WORKSPACE_OWNER);
        }
        return workspaceId == null ? Optional.empty() : find(EntityType.WORKSPACE, workspaceId, null);
    }

    public boolean holdsOnWorkspace(String workspaceId, Role least) {
        return effectiveWorkspaceRole(workspaceId).filter(r -> r.includes(least)).isPresent();
    }

    /** Workspace Operator or above on at least one workspace (an Organization Owner on every one). */
    public boolean operatesAnyWorkspace() {
        return isOrganizationOwner() || roles.stream().anyMatch(r -> r.entityType() == EntityType.WORKSPACE
                && r.includes(Role.WORKSPACE_OPERATOR));
    }

    /** Deployment Admin on the deployment itself, or Workspace Operator or above on its workspace. */
    public boolean isDeploymentAdmin(String deploymentId, String workspaceId) {
        return find(EntityType.DEPLOYMENT, deploymentId, null).isPresent()
                || holdsOnWorkspace(workspaceId, Role.WORKSPACE_OPERATOR);
    }

    public Optional<Role> dagRole(String dagId, String deploymentId) {
        return find(EntityType.DAG, dagId, deploymentId);
    }

    /** The built-in role held there: a custom entry grants its permissions (PermissionCheck) and no built-in rights. */
    private Optional<Role> find(EntityType type, String entityId, String deploymentId) {
        for (RoleAssignment r : roles) {
            if (!r.isCustom() && r.entityType() == type
                    && (entityId == null || entityId.equals(r.entityId()))
                    && (deploymentId == null || deploymentId.equals(r.deploymentId()))) {
                return Optional.of(r.role());
            }
        }
        return Optional.empty();
    }
}
