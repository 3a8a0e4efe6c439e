package dev.latchkey.domain;

import java.util.List;
import java.util.Objects;

/**
 * An organization's own Deployment or Dag role: a named set of deployment- and dag-level permissions (ids of the
 * permission catalogue). {@code history.version} rises with every change that holders must see (name or permissions)
 * and with every delete attempt; {@code fanOutPending} is true from such a change until every holder carries it.
 * {@code deleting} marks a role a delete is in progress on: nothing new may be assigned it.
 */
public record CustomRole(String id, String organizationId, String name, String description, ScopeType scopeType,
                         List<String> permissions, List<String> restrictedWorkspaceIds, History history,
                         boolean fanOutPending, boolean deleting) {

    /** Where a custom role may be held: {@code DEPLOYMENT} roles on deployments, {@code DAG} roles on dags and dag tags. */
    public enum ScopeType {
        DEPLOYMENT, DAG;

        public boolean fits(EntityType type) {
            return this == DEPLOYMENT ? type == EntityType.DEPLOYMENT : type.isDag();
        }
    }

    public CustomRole {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scopeType, "scopeType");
        Objects.requireNonNull(history, "history");
        permissions = List.copyOf(permissions);
        restrictedWorkspaceIds = restrictedWorkspaceIds == null ? List.of() : List.copyOf(restrictedWorkspaceIds);
    }

    public long version() {
        return history.version();
    }

    /** What a token holding this role carries: enough for validate to answer from the hash item alone. */
    public RoleAssignment.CustomGrant grant() {
        return new RoleAssignment.CustomGrant(id, name, permissions, version());
    }

    /** Whether an entry of this role may sit in {@code workspaceId} ({@code restrictedWorkspaceIds} empty: anywhere). */
    public boolean allowedIn(String workspaceId) {
        return restrictedWorkspaceIds.isEmpty() || restrictedWorkspaceIds.contains(workspaceId);
    }

    /** Whether holders must be rewritten to go from {@code this} to {@code next}. */
    public boolean holdersDifferFrom(CustomRole next) {
        return !name.equals(next.name) || !permissions.equals(next.permissions);
    }
}
