package dev.latchkey.usecase;

import dev.latchkey.access.RoleSet;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.error.LatchkeyException;
import jakarta.inject.Singleton;

/** Turns an {@code Authorization: Bearer <value>} header into the calling token, or a 401. */
@Singleton
public class Authenticator {

    private static final String BEARER = "Bearer ";

    private final TokenLookup lookup;

    public Authenticator(TokenLookup lookup) {
        this.lookup = lookup;
    }

    public Caller authenticate(String authorizationHeader) {
        return authenticate(authorizationHeader, null);
    }

    /** As {@link #authenticate(String)}, remembering the request's id for the audit log. */
    public Caller authenticate(String authorizationHeader, String requestId) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw LatchkeyException.unauthenticated("Missing Authorization: Bearer <api token> header");
        }
        if (!authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw LatchkeyException.unauthenticated("The Authorization header must use the Bearer scheme");
        }
        TokenLookup.Result result = lookup.lookup(authorizationHeader.substring(BEARER.length()).strip());
        if (!result.live()) {
            // One message for every failure: the answer must not tell a guesser which values exist.
            throw LatchkeyException.unauthenticated("The API token is invalid, expired or revoked");
        }
        TokenHash h = result.hash();
        return new Caller(h.tokenId(), h.organizationId(), h.name(), h.grant().scope(), h.grant().entityId(),
                new RoleSet(h.grant().roles()), requestId);
    }

}
