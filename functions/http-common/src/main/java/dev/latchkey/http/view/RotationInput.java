package dev.latchkey.http.view;

import dev.latchkey.usecase.RotationRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** {@code "rotation": {"everyDays": N, "gracePeriodSeconds": G}} as create and update accept it. */
@Serdeable
public record RotationInput(@Nullable Integer everyDays, @Nullable Long gracePeriodSeconds) {

    public static RotationRequest toRequest(@Nullable RotationInput input) {
        return input == null ? null : new RotationRequest(input.everyDays(), input.gracePeriodSeconds());
    }
}
