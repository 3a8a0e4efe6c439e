package dev.latchkey.token.direct;

import java.time.Instant;
import java.util.Optional;

/**
 * Offline verification of direct-access tokens for a platform service: JWKS in (from
 * {@code GET /v1/.well-known/jwks.json}, refreshed now and then), token out, no call to Latchkey. It checks what the
 * docs/authorizer.md's "Verifying a direct-access token offline" lists: {@code alg} ES256 only, {@code kid} in the JWKS, the
 * signature, {@code iss} and {@code aud}, and {@code nbf <= now < exp} with no leeway; the scope decision is the
 * caller's. The trade-off: a token deleted in Latchkey is refused online at once, but offline only when its
 * {@code exp} passes. Use {@code POST /v1/validate} where revocation must take effect at once.
 */
public final class DirectAccessVerifier {

    private final PublicKeys keys;
    private final String issuer;
    private final String audience;

    /** {@code jwksJson} as served by the JWKS route ({@code {"keys":[]}} or {@code {}} verify nothing). */
    public DirectAccessVerifier(String jwksJson, String issuer, String audience) {
        this.keys = PublicKeys.parse(jwksJson);
        this.issuer = issuer;
        this.audience = audience;
    }

    /** The claims of a token that is signed by one of the keys, from this issuer for this audience, and live at {@code now}. */
    public Optional<DirectAccessClaims> verify(String token, Instant now) {
        return DirectAccessTokens.verify(token, keys::find, issuer, audience)
                .filter(c -> !now.isBefore(c.notBefore()) && now.isBefore(c.expiresAt()));
    }
}
