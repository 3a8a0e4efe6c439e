package dev.latchkey.token.direct;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offline verification of direct-access tokens for a platform service: JWKS in (from
 * {@code GET /v1/.well-known/jwks.json}, refreshed now and then), token out, no call to Latchkey. The trade-off: a token
 * deleted in Latchkey is refused online at once, but offline only when its {@code exp} passes. Use {@code POST
 * /v1/validate} where revocation must take effect at once.
 */
public final class DirectAccessVerifier {

    private static final Pattern KEY = Pattern.compile("\\{[^{}]*}");

    private final Map<String, SigningKey> keys = new HashMap<>();
    private final String issuer;
    private final String audience;

    public DirectAccessVerifier(String jwksJson, String issuer, String audience) {
        Matcher each = KEY.matcher(jwksJson);
        while (each.find()) {
            SigningKey key = SigningKeyRing.key(each.group(), false);
            keys.put(key.kid(), key);
        }
        this.issuer = issuer;
        this.audience = audience;
    }

    /** The claims of a token that is signed by one of the keys, from this issuer for this audience, and live at {@code now}. */
    public Optional<DirectAccessClaims> verify(String token, Instant now) {
        return DirectAccessTokens.verify(token, kid -> Optional.ofNullable(keys.get(kid)))
                .filter(c -> c.issuer().equals(issuer) && c.audience().equals(audience))
                .filter(c -> !now.isBefore(c.notBefore()) && now.isBefore(c.expiresAt()));
    }
}
