package dev.latchkey.domain;

import java.time.Instant;
import java.util.List;

/**
 * The hash item of one token value: everything validate needs in one GetItem. {@code validUntil} ends a superseded
 * value's grace period; {@code lastUsedAt} gates the once-a-minute usage write.
 */
public record TokenHash(
        String hashKey,
        String tokenId,
        String organizationId,
        String name,
        Scope scope,
        TokenKind kind,
        String entityId,
        String workspaceId,
        List<RoleAssignment> roles,
        Instant startAt,
        Instant endAt,
        HashStatus status,
        Instant validUntil,
        Instant lastUsedAt) {

    public TokenHash {
        roles = List.copyOf(roles);
    }

    public static TokenHash liveFor(ApiToken token, String hashKey) {
        return new TokenHash(hashKey, token.id(), token.organizationId(), token.name(), token.scope(), token.kind(), token.entityId(),
                token.workspaceId(), token.roles(), token.startAt(), token.endAt(), HashStatus.LIVE, null, null);
    }

    /** Whether this value may authenticate at {@code now}, as far as rotation and revocation go. */
    public boolean liveAt(Instant now) {
        return switch (status) {
            case LIVE -> true;
            case SUPERSEDED -> validUntil != null && now.isBefore(validUntil);
            case REVOKED -> false;
        };
    }
}
