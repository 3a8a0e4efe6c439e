package dev.latchkey.domain;

import java.time.Instant;

/**
 * The hash item of one token value: everything validate needs in one GetItem. {@code validUntil} ends a superseded
 * value's grace period; {@code lastUsedAt} gates the once-a-minute usage write and {@code ipDeniedAt} the
 * once-a-minute audit of a use from outside the grant's {@code allowedCidrs}. Built live with {@link #live}; a stored
 * item's state is named with {@link #withStatus}, {@link #withLastUsedAt} and {@link #withIpDeniedAt}.
 */
public record TokenHash(
        String hashKey,
        String tokenId,
        String organizationId,
        String name,
        TokenGrant grant,
        Validity window,
        HashStatus status,
        Instant validUntil,
        Instant lastUsedAt,
        Instant ipDeniedAt) {

    public static TokenHash live(String hashKey, String tokenId, String organizationId, String name, TokenGrant grant,
                                 Validity window) {
        return new TokenHash(hashKey, tokenId, organizationId, name, grant, window, HashStatus.LIVE, null, null, null);
    }

    public static TokenHash liveFor(ApiToken token, String hashKey) {
        return live(hashKey, token.id(), token.organizationId(), token.name(), token.grant(), token.lifetime().window());
    }

    /** This value in {@code newStatus}; a superseded value stays live until {@code until}. */
    public TokenHash withStatus(HashStatus newStatus, Instant until) {
        return new TokenHash(hashKey, tokenId, organizationId, name, grant, window, newStatus, until, lastUsedAt, ipDeniedAt);
    }

    public TokenHash withLastUsedAt(Instant at) {
        return new TokenHash(hashKey, tokenId, organizationId, name, grant, window, status, validUntil, at, ipDeniedAt);
    }

    public TokenHash withIpDeniedAt(Instant at) {
        return new TokenHash(hashKey, tokenId, organizationId, name, grant, window, status, validUntil, lastUsedAt, at);
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
