package dev.latchkey.functions.manage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Astro's {@code UpdateApiTokenRolesRequest}: the complete new role set. */
@Serdeable
public record RolesRequest(@Nullable List<RoleRequest> roles) {

    /** One entry as sent; names are checked against the catalogue by the use case. */
    @Serdeable
    public record RoleRequest(@Nullable String entityType, @Nullable String entityId, @Nullable String role,
                              @Nullable String deploymentId) {
    }
}
