package dev.latchkey.domain;

import java.time.Instant;
import java.util.List;

/**
 * A token's metadata as stored: never its value. {@code version} drives optimistic locking; {@code currentHashKey} and
 * {@code previousHashKey} name the live hash items (the previous one only while its rotation grace lasts).
 * {@code workspaceId} is the workspace of a DEPLOYMENT token (or of a WORKSPACE token), {@code null} for ORGANIZATION
 * tokens. {@code secretCopy} and {@code rotation} are present when the token keeps a Secrets Manager copy.
 */
public record ApiToken(
        String id,
        String organizationId,
        String name,
        String description,
        Scope scope,
        TokenKind kind,
        String entityId,
        String workspaceId,
        List<RoleAssignment> roles,
        String shortToken,
        Instant startAt,
        Instant endAt,
        Integer expiryPeriodInDays,
        Instant createdAt,
        Instant updatedAt,
        Instant lastRotatedAt,
        Instant lastUsedAt,
        Actor createdBy,
        Actor updatedBy,
        long version,
        String currentHashKey,
        String previousHashKey,
        Instant previousValidUntil,
        SecretCopy secretCopy,
        RotationPolicy rotation) {

    public ApiToken {
        roles = List.copyOf(roles);
    }

    public ApiToken withDetails(String newName, String newDescription, RotationPolicy newRotation, Instant at, Actor by) {
        return new ApiToken(id, organizationId, newName, newDescription, scope, kind, entityId, workspaceId, roles, shortToken,
                startAt, endAt, expiryPeriodInDays, createdAt, at, lastRotatedAt, lastUsedAt, createdBy, by, version + 1,
                currentHashKey, previousHashKey, previousValidUntil, secretCopy, newRotation);
    }

    public ApiToken withRoles(List<RoleAssignment> newRoles, Instant at, Actor by) {
        return new ApiToken(id, organizationId, name, description, scope, kind, entityId, workspaceId, newRoles, shortToken,
                startAt, endAt, expiryPeriodInDays, createdAt, at, lastRotatedAt, lastUsedAt, createdBy, by, version + 1,
                currentHashKey, previousHashKey, previousValidUntil, secretCopy, rotation);
    }

    /** After a rotation at {@code at}: the new value is current, the old one lives until {@code previousUntil}. */
    public ApiToken rotated(String newHashKey, String newShortToken, Instant previousUntil, Instant at, Actor by) {
        return new ApiToken(id, organizationId, name, description, scope, kind, entityId, workspaceId, roles, newShortToken,
                startAt, endAt, expiryPeriodInDays, createdAt, at, at, lastUsedAt, createdBy, by, version + 1,
                newHashKey, currentHashKey, previousUntil, secretCopy, rotation == null ? null : rotation.rescheduledAfter(at));
    }

    /** The previous value's hash item, while it may still be live at {@code now}. */
    public boolean previousLiveAt(Instant now) {
        return previousHashKey != null && previousValidUntil != null && previousValidUntil.isAfter(now);
    }
}
