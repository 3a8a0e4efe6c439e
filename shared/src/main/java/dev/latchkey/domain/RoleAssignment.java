package dev.latchkey.domain;

import java.util.Objects;

/**
 * One entry of a token's role set: {@code role} held on {@code entityType}/{@code entityId}. Dag entries carry the
 * {@code deploymentId} the dag belongs to; other entries leave it {@code null}.
 */
public record RoleAssignment(EntityType entityType, String entityId, Role role, String deploymentId) {

    public RoleAssignment {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(role, "role");
    }

    public static RoleAssignment of(EntityType type, String entityId, Role role) {
        return new RoleAssignment(type, entityId, role, null);
    }

    /** Two entries with the same target may not both be in one role set. */
    public Target target() {
        return new Target(entityType, entityId, deploymentId);
    }

    /** The deployment this entry lives in; see {@link Target#deployment()}. */
    public String deployment() {
        return target().deployment();
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
