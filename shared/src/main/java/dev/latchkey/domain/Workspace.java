package dev.latchkey.domain;

import java.time.Instant;

/** A workspace the platform registered. */
public record Workspace(String organizationId, String id, Instant createdAt, Instant updatedAt) {
}
