package dev.latchkey.domain;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a token's role set: a role held on {@code entityType}/{@code entityId}. Dag entries carry the
 * {@code deploymentId} the dag belongs to; other entries leave it {@code null}. Exactly one of {@code role} (a built-in
 * role) and {@code custom} (an organization's custom role, copied with its permissions so that validate needs no
 * other read) is present.
 */
public record RoleAssignment(EntityType entityType, String entityId, Role role, String deploymentId, CustomGrant custom) {

    public RoleAssignment {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        if ((role == null) == (custom == null)) {
            throw new IllegalArgumentException("a role entry holds exactly one of a built-in and a custom role");
        }
    }

    /** A built-in role entry. */
    public RoleAssignment(EntityType entityType, String entityId, Role role, String deploymentId) {
        this(entityType, entityId, Objects.requireNonNull(role, "role"), deploymentId, null);
    }

    public static RoleAssignment of(EntityType type, String entityId, Role role) {
        return new RoleAssignment(type, entityId, role, null);
    }

    public static RoleAssignment custom(EntityType type, String entityId, String deploymentId, CustomGrant custom) {
        return new RoleAssignment(type, entityId, null, deploymentId, Objects.requireNonNull(custom, "custom"));
    }

    public boolean isCustom() {
        return custom != null;
    }

    /** What the API shows as {@code role}: the built-in role's name or the custom role's. */
    public String roleName() {
        return custom == null ? role.name() : custom.name();
    }

    /** Whether this entry is a built-in role that includes {@code least} (custom entries include no built-in role). */
    public boolean includes(Role least) {
        return role != null && role.includes(least);
    }

    /** The same role on the same entity, whatever version of a custom role each carries. */
    public boolean sameGrantAs(RoleAssignment other) {
        return other != null && target().equals(other.target()) && role == other.role
                && (custom == null ? other.custom == null : other.custom != null && custom.id().equals(other.custom.id()));
    }

    /** This entry carrying another version of its custom role. */
    public RoleAssignment withCustom(CustomGrant newer) {
        return custom(entityType, entityId, deploymentId, newer);
    }

    /** Two entries with the same target may not both be in one role set. */
    public Target target() {
        return new Target(entityType, entityId, deploymentId);
    }

    /** The deployment this entry lives in; see {@link Target#deployment()}. */
    public String deployment() {
        return target().deployment();
    }

    /**
     * A custom role as one token holds it: its id, its name (shown as the entry's {@code role}), its permission ids
     * and the role version they were copied from.
     */
    public record CustomGrant(String id, String name, List<String> permissions, long version) {
        public CustomGrant {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            permissions = List.copyOf(permissions);
        }
    }

    /** The entity a role entry points at. */
    public record Target(EntityType entityType, String entityId, String deploymentId) {

        /**
         * The deployment the entity lives in: a deployment's own id, the deployment a dag or dag tag belongs to
         * ({@code null} if a dag entry lacks it), {@code null} for organizations and workspaces.
         */
        public String deployment() {
            return switch (entityType) {
                case ORGANIZATION, WORKSPACE -> null;
                case DEPLOYMENT -> entityId;
                case DAG, DAG_TAG -> deploymentId;
            };
        }
    }
}
