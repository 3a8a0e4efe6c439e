package dev.latchkey.functions.manage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Astro's {@code CreateCustomRoleRequest} and {@code UpdateCustomRoleRequest} (update takes no {@code scopeType}). */
@Serdeable
public record CustomRoleRequestBody(@Nullable String name, @Nullable String description, @Nullable String scopeType,
                                    @Nullable List<String> permissions, @Nullable List<String> restrictedWorkspaceIds) {
}
