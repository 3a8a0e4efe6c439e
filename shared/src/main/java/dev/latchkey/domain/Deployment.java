package dev.latchkey.domain;

import java.time.Instant;

/** A deployment the platform registered, with the workspace it sits in (fixed once registered). */
public record Deployment(String organizationId, String id, String workspaceId, Instant createdAt, Instant updatedAt) {
}
