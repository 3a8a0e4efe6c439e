package dev.latchkey.functions.manage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The workspace a deployment sits in. */
@Serdeable
public record RegisterDeploymentRequest(@Nullable String workspaceId) {
}
