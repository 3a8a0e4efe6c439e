package dev.latchkey.functions.create;

import dev.latchkey.http.view.RotationInput;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Astro's {@code CreateApiTokenRequest}: {@code type} is Astro's name for {@code scope}; either may be sent.
 * Strings are checked by the use case, so that every mistake gets a field error that names the field;
 * {@code allowedCidrs} is read as any JSON values so that a non-string entry gets its own {@code allowedCidrs[i]} error.
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
        @Nullable RotationInput rotation,
        @Nullable List<Object> allowedCidrs) {

    /** {@code "secretsManager": {}} or {@code {"secretName": "ci/deploy-token"}}: keep a copy of the value there. */
    @Serdeable
    public record SecretsManagerInput(@Nullable String secretName) {
    }
}
