package dev.latchkey.token.direct;

import dev.latchkey.domain.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offline check a service runs on a direct-access token, as a table: who signed it, for whom, and when it is
 * looked at. Live from {@code nbf} (inclusive) to {@code exp} (exclusive), signed by a key of the JWKS, from this issuer
 * for this audience; anything else verifies to nothing.
 */
class DirectAccessVerifierTest {

    static final Instant NBF = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant EXP = NBF.plusSeconds(3600);
    static final SigningKeyRing BEFORE = SigningKeyRing.generate("k1");
    static final SigningKeyRing RING = BEFORE.rotatedTo(Es256.generate("k2"));

    @ParameterizedTest(name = "signed by {0}, iss {1}, aud {2}, checked at nbf{3}s -> {4}")
    @CsvSource({
            // signer,   issuer,   audience, seconds after nbf, verified
            "current,  latchkey, latchkey, 0,    true",
            "current,  latchkey, latchkey, 3599, true",
            "current,  latchkey, latchkey, -1,   false",
            "current,  latchkey, latchkey, 3600, false",
            "previous, latchkey, latchkey, 10,   true",
            "stranger, latchkey, latchkey, 10,   false",
            "current,  someone,  latchkey, 10,   false",
            "current,  latchkey, someone,  10,   false",
    })
    void verifyMatrix(String signer, String issuer, String audience, long offset, boolean verified) {
        SigningKey key = switch (signer) {
            case "current" -> RING.current();
            case "previous" -> BEFORE.current();
            default -> Es256.generate("k1");
        };
        DirectAccessClaims claims = new DirectAccessClaims(issuer, audience, "tok-1", "acme", Scope.WORKSPACE,
                List.of("workspaceId:ws-1"), NBF, NBF, EXP, "jti-1");
        String token = DirectAccessTokens.sign(claims, key);
        var verifier = new DirectAccessVerifier(RING.publicKeys().toJwks(), "latchkey", "latchkey");
        var result = verifier.verify(token, NBF.plusSeconds(offset));
        assertEquals(verified, result.isPresent());
        if (verified) {
            assertEquals(claims, result.get());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"payload", "signature", "truncated"})
    void aTamperedTokenVerifiesToNothing(String part) {
        String token = DirectAccessTokens.sign(new DirectAccessClaims("latchkey", "latchkey", "tok-1", "acme", Scope.DEPLOYMENT,
                List.of("deploymentId:dep-1"), NBF, NBF, EXP, "jti-1"), RING.current());
        String[] parts = token.split("\\.");
        int i = part.equals("payload") ? 1 : 2;
        parts[i] = part.equals("truncated") ? parts[i].substring(0, parts[i].length() - 4)
                : parts[i].substring(0, 5) + (parts[i].charAt(5) == 'A' ? 'B' : 'A') + parts[i].substring(6);
        String tampered = String.join(".", parts);
        var verifier = new DirectAccessVerifier(RING.publicKeys().toJwks(), "latchkey", "latchkey");
        assertTrue(verifier.verify(tampered, NBF).isEmpty());
    }
}
