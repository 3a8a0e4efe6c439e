package dev.latchkey.token.direct;

import dev.latchkey.domain.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public-key set: {@code {}} is no keys, a JWKS round-trips, and nothing built from it carries a private part. */
class PublicKeysTest {

    static final SigningKeyRing RING = SigningKeyRing.generate("k1").rotatedTo(Es256.generate("k2"));

    @ParameterizedTest
    @ValueSource(strings = {"{}", " { } ", "", "{\"keys\":[]}"})
    void anEmptySecretIsNoKeysAndVerifiesNothing(String json) {
        assertTrue(PublicKeys.parse(json).isEmpty());
        Instant now = Instant.now();
        String token = DirectAccessTokens.sign(new DirectAccessClaims("latchkey", "latchkey", "t", "acme", Scope.ORGANIZATION,
                List.of(), now, now, now.plusSeconds(60), "j"), RING.current());
        assertTrue(new DirectAccessVerifier(json, "latchkey", "latchkey").verify(token, now).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"current\":{}}", "{\"keys\":[{\"kid\":\"k\"}]}", "nonsense"})
    void anythingElseThatIsNotAKeySetIsRefused(String json) {
        assertThrows(IllegalArgumentException.class, () -> PublicKeys.parse(json));
    }

    @Test
    void theRingsPublicKeysRoundTripWithoutThePrivatePart() {
        PublicKeys keys = RING.publicKeys();
        assertEquals(List.of("k2", "k1"), List.copyOf(keys.kids()), "current first");
        assertTrue(keys.keys().stream().allMatch(k -> k.privateKey() == null));
        assertFalse(keys.toJwks().contains("\"d\""));
        assertEquals(keys.toJwks(), PublicKeys.parse(keys.toJwks()).toJwks());
        assertEquals(RING.toJwks(), keys.toJwks());
    }

    @Test
    void addingKeysNeverDropsOrDuplicatesOne() {
        PublicKeys operatorAdded = new PublicKeys(List.of(Es256.generate("k3")));
        PublicKeys both = RING.publicKeys().plus(operatorAdded).plus(RING.publicKeys());
        assertEquals(List.of("k2", "k1", "k3"), List.copyOf(both.kids()));
    }

    @Test
    void aStoredRingIsEmptyOnlyForAnEmptySecret() {
        assertTrue(SigningKeyRing.parseStored("{}").isEmpty());
        assertEquals("k2", SigningKeyRing.parseStored(RING.toJson()).orElseThrow().current().kid());
        assertThrows(IllegalArgumentException.class, () -> SigningKeyRing.parseStored("{\"previous\":[]}"));
    }
}
