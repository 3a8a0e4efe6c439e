package dev.latchkey.functions.manage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Astro's {@code UpdateApiTokenRequest}. */
@Serdeable
public record UpdateTokenRequest(@Nullable String name, @Nullable String description) {
}
