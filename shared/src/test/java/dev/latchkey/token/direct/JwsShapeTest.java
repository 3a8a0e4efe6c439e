package dev.latchkey.token.direct;

import dev.latchkey.domain.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cheap shape test that decides whether validate treats a value as a direct-access JWS at all (no crypto, no I/O),
 * and the JSON the signer writes, which any JWT library must be able to read.
 */
class JwsShapeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "eyJh.eyJi.c2ln,     true",
            "eyJ-_.a_-.Z09,      true",
            "eyJh.eyJi,          false",
            "eyJh.eyJi.c2ln.x,   false",
            "eyJh..,             true",
            "xyJh.eyJi.c2ln,     false",
            "eyJh.ey Ji.c2ln,    false",
            "eyJh.eyJi.c2l=,     false",
            "eyJh.eyJi.c2l+,     false",
            "eyJh.eyJé.c2ln,     false",
            "eyJh.eyJ/.c2ln,     false",
            "lkw_AAAA,           false",
    })
    void looksLikeJws(String value, boolean jws) {
        assertEquals(jws, DirectAccessTokens.looksLikeJws(value));
    }

    @Test
    void aValueUpToTheMaximumLengthMayBeAJwsAndOneCharacterMoreIsNot() {
        String atMost = "eyJ." + "a".repeat(DirectAccessTokens.MAX_LENGTH - 6) + ".b";
        assertEquals(DirectAccessTokens.MAX_LENGTH, atMost.length());
        assertTrue(DirectAccessTokens.looksLikeJws(atMost));
        assertEquals(false, DirectAccessTokens.looksLikeJws(atMost + "b"));
        assertEquals(false, DirectAccessTokens.looksLikeJws(null));
    }

    @Test
    void theSignedPayloadListsPermissionsAsAJsonArray() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        String token = DirectAccessTokens.sign(new DirectAccessClaims("latchkey", "latchkey", "tok-1", "acme", Scope.WORKSPACE,
                List.of("organizationId:acme", "workspaceId:ws-1"), now, now, now.plusSeconds(60), "j"), Es256.generate("k"));
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"permissions\":[\"organizationId:acme\",\"workspaceId:ws-1\"]"), payload);
    }
}
