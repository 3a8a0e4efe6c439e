package dev.latchkey.functions.rotate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Optional body of a rotation: how long the previous value keeps working (default 0, it dies at once). */
@Serdeable
public record RotateTokenRequest(@Nullable Long gracePeriodSeconds) {
}
