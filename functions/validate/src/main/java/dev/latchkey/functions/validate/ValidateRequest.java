package dev.latchkey.functions.validate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The value to check and, optionally, the resource and permission to check it against. */
@Serdeable
public record ValidateRequest(
        @Nullable String token,
        @Nullable String organizationId,
        @Nullable String workspaceId,
        @Nullable String deploymentId,
        @Nullable String dagId,
        @Nullable String permission) {

    @Override
    public String toString() {
        return "ValidateRequest[token=<redacted>, organizationId=" + organizationId + ", workspaceId=" + workspaceId
                + ", deploymentId=" + deploymentId + ", dagId=" + dagId + ", permission=" + permission + "]";
    }
}
