package dev.latchkey.usecase;

import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.token.PepperRing;
import dev.latchkey.token.TokenFormat;
import dev.latchkey.token.TokenHasher;
import dev.latchkey.token.TokenIds;
import dev.latchkey.token.direct.DirectAccessClaims;
import dev.latchkey.token.direct.DirectAccessTokens;
import dev.latchkey.token.direct.SigningKey;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes new values and ids. A fresh {@link SecureRandom} per request: nothing random lives in a field, so a SnapStart
 * snapshot restored twice still hands out different values. Direct-access values are JWS signed with the current key.
 */
@Singleton
class TokenMinter {

    /** A value, the key of its hash item and what may be shown of it later. */
    public record Minted(String value, String hashKey, String shortToken) {
        @Override
        public String toString() {
            return "Minted[hashKey=" + hashKey + ", value=<redacted>]";
        }
    }

    private final TokenFormat format;
    private final PepperRing peppers;
    private final SigningKeys signingKeys;
    private final LatchkeyConfiguration config;

    public TokenMinter(TokenFormat format, PepperRing peppers, SigningKeys signingKeys, LatchkeyConfiguration config) {
        this.format = format;
        this.peppers = peppers;
        this.signingKeys = signingKeys;
        this.config = config;
    }

    public Minted mint(Scope scope) {
        String value = format.mint(scope, new SecureRandom());
        return new Minted(value, TokenHasher.hashKey(peppers.current(), value), format.shortToken(value));
    }

    /**
     * The value of a new direct-access token; it expires with the token ({@code expiresAt}). The deployment's first one
     * makes the signing keys (see {@link SigningKeys#currentKeyCreatingRing()}).
     */
    public Minted mintDirectAccess(String tokenId, String organizationId, Scope scope, List<RoleAssignment> roles, Instant now,
                                   Instant expiresAt) {
        return signed(signingKeys.currentKeyCreatingRing(), tokenId, organizationId, scope, roles, now, expiresAt);
    }

    /** The next value of an existing token, of its own kind (a direct-access one with the existing keys). */
    public Minted mintFor(ApiToken token, Instant now) {
        return token.grant().kind() == TokenKind.DIRECT_ACCESS
                ? signed(signingKeys.currentKey(), token.id(), token.organizationId(), token.grant().scope(), token.grant().roles(),
                        now, token.lifetime().endAt())
                : mint(token.grant().scope());
    }

    private Minted signed(SigningKey key, String tokenId, String organizationId, Scope scope, List<RoleAssignment> roles, Instant now,
                          Instant expiresAt) {
        DirectAccessClaims claims = new DirectAccessClaims(config.getDirectAccessIssuer(), config.getDirectAccessAudience(), tokenId,
                organizationId, scope, permissions(organizationId, roles), now, now, expiresAt, TokenIds.newId(now, new SecureRandom()));
        String value = DirectAccessTokens.sign(claims, key);
        return new Minted(value, TokenHasher.hashKey(peppers.current(), value), "jwt..." + value.substring(value.length() - 4));
    }

    public String newTokenId(Instant now) {
        return TokenIds.newId(now, new SecureRandom());
    }

    /** The {@code permissions} claim: the entities the token has roles on. */
    static List<String> permissions(String organizationId, List<RoleAssignment> roles) {
        Set<String> entries = new LinkedHashSet<>();
        entries.add("organizationId:" + organizationId);
        for (RoleAssignment r : roles) {
            if (r.entityType() == EntityType.WORKSPACE) {
                entries.add("workspaceId:" + r.entityId());
            } else if (r.entityType() != EntityType.ORGANIZATION) {
                entries.add("deploymentId:" + r.deployment());
            }
        }
        return List.copyOf(entries);
    }
}
