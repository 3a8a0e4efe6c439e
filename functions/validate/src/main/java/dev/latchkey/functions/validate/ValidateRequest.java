package dev.latchkey.functions.validate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The value to check and, optionally, the resource and permission to check it against; {@code dagTags} are the tags
 * of the dag (for DAG_TAG roles), read as any JSON value and checked to be strings. {@code sourceIp} is the address the
 * value is being used from (the calling service's client), checked against the token's allowedCidrs.
 */
@Serdeable
public record ValidateRequest(
        @Nullable String token,
        @Nullable String organizationId,
        @Nullable String workspaceId,
        @Nullable String deploymentId,
        @Nullable String dagId,
        @Nullable String permission,
        @Nullable java.util.List<Object> dagTags,
        @Nullable String sourceIp) {

    @Override
    public String toString() {
        return "ValidateRequest[token=<redacted>, organizationId=" + organizationId + ", workspaceId=" + workspaceId
                + ", deploymentId=" + deploymentId + ", dagId=" + dagId + ", permission=" + permission + ", sourceIp=" + sourceIp + "]";
    }
}
