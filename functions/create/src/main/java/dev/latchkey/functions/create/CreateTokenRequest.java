package dev.latchkey.functions.create;

import dev.latchkey.http.view.RotationInput;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Astro's {@code CreateApiTokenRequest}: {@code type} is Astro's name for {@code scope}; either may be sent.
 * Strings are checked by the use case, so that every mistake gets a field error that names the field.
 */
@Serdeable
public record CreateTokenRequest(
        @Nullable String name,
        @Nullable String description,
        @Nullable String scope,
        @Nullable String type,
        @Nullable String entityId,
        @Nullable String role,
        @Nullable Integer tokenExpiryPeriodInDays,
        @Nullable String kind,
        @Nullable SecretsManagerInput secretsManager,
        @Nullable RotationInput rotation) {

    /** {@code "secretsManager": {}} or {@code {"secretName": "ci/deploy-token"}}: keep a copy of the value there. */
    @Serdeable
    public record SecretsManagerInput(@Nullable String secretName) {
    }
}
