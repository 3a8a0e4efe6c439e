package dev.latchkey.domain;

import java.util.Optional;

/**
 * The role catalogue of docs/design.md §2. {@code rank} orders the roles of one entity type: a senior role includes its
 * juniors. The observe roles are accepted with member rights and nothing more.
 */
public enum Role {
    ORGANIZATION_OWNER(EntityType.ORGANIZATION, 3),
    ORGANIZATION_BILLING_ADMIN(EntityType.ORGANIZATION, 2),
    ORGANIZATION_MEMBER(EntityType.ORGANIZATION, 1),
    ORGANIZATION_OBSERVE_ADMIN(EntityType.ORGANIZATION, 1),
    ORGANIZATION_OBSERVE_MEMBER(EntityType.ORGANIZATION, 1),

    WORKSPACE_OWNER(EntityType.WORKSPACE, 5),
    WORKSPACE_OPERATOR(EntityType.WORKSPACE, 4),
    WORKSPACE_AUTHOR(EntityType.WORKSPACE, 3),
    WORKSPACE_MEMBER(EntityType.WORKSPACE, 2),
    WORKSPACE_ACCESSOR(EntityType.WORKSPACE, 1),

    DEPLOYMENT_ADMIN(EntityType.DEPLOYMENT, 1),

    DAG_AUTHOR(null, 2),
    DAG_VIEWER(null, 1);

    private final EntityType entityType;
    private final int rank;

    Role(EntityType entityType, int rank) {
        this.entityType = entityType;
        this.rank = rank;
    }

    /** Whether this role may be held on an entity of the given type (dag roles fit both {@code DAG} and {@code DAG_TAG}). */
    public boolean fits(EntityType type) {
        return entityType == null ? type.isDag() : entityType == type;
    }

    public int rank() {
        return rank;
    }

    /** True when this role includes every right of {@code other} (same entity type, equal or higher rank). */
    public boolean includes(Role other) {
        return (entityType == other.entityType) && rank >= other.rank;
    }

    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
