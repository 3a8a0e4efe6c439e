package dev.latchkey.usecase;

import dev.latchkey.access.CidrSet;
import dev.latchkey.access.IpAddress;
import dev.latchkey.access.RoleSet;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.token.BearerToken;
import jakarta.inject.Singleton;

/** Turns an {@code Authorization: Bearer <value>} header into the calling token, or a 401. */
@Singleton
public class Authenticator {

    private final TokenLookup lookup;

    public Authenticator(TokenLookup lookup) {
        this.lookup = lookup;
    }

    public Caller authenticate(String authorizationHeader) {
        return authenticate(authorizationHeader, null);
    }

    /** As {@link #authenticate(String)}, remembering the request's id for the audit log. */
    public Caller authenticate(String authorizationHeader, String requestId) {
        return authenticate(authorizationHeader, requestId, null);
    }

    /**
     * As {@link #authenticate(String, String)}, from the client address API Gateway reports: a token bound to
     * networks ({@code allowedCidrs}) authenticates only from inside them, on the management routes as on validate.
     */
    public Caller authenticate(String authorizationHeader, String requestId, String sourceIp) {
        TokenHash h = liveHash(authorizationHeader, sourceIp);
        return new Caller(h.tokenId(), h.organizationId(), h.name(), h.grant().scope(), h.grant().entityId(),
                new RoleSet(h.grant().roles()), requestId);
    }

    /**
     * The hash item of the live token the header names, for an answer that needs more of it than a {@link Caller}
     * carries (whoami); the same three 401s as {@link #authenticate(String)} otherwise.
     */
    public TokenHash liveHash(String authorizationHeader) {
        return liveHash(authorizationHeader, null);
    }

    /**
     * As {@link #liveHash(String)}, refusing a bound token used from outside its networks (or from an unknown
     * address: fail closed) with a 403: the value is genuine, so saying so tells its holder nothing new.
     */
    public TokenHash liveHash(String authorizationHeader, String sourceIp) {
        TokenHash hash = liveHashOf(authorizationHeader);
        CidrSet networks = hash.grant().allowedCidrs();
        if (networks.bound() && !networks.allows(sourceIp == null ? null : IpAddress.parse(sourceIp).orElse(null))) {
            throw LatchkeyException.forbidden("This API token may only be used from its allowedCidrs");
        }
        return hash;
    }

    private TokenHash liveHashOf(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw LatchkeyException.unauthenticated("Missing Authorization: Bearer <api token> header");
        }
        if (!BearerToken.isBearer(authorizationHeader)) {
            throw LatchkeyException.unauthenticated("The Authorization header must use the Bearer scheme");
        }
        TokenLookup.Result result = lookup.lookup(BearerToken.value(authorizationHeader).orElse(""));
        if (!result.live()) {
            // One message for every failure: the answer must not tell a guesser which values exist.
            throw LatchkeyException.unauthenticated("The API token is invalid, expired or revoked");
        }
        return result.hash();
    }
}
