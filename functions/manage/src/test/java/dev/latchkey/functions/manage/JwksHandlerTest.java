package dev.latchkey.functions.manage;

import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.usecase.CreateToken;
import dev.latchkey.usecase.CreateTokenCommand;
import dev.latchkey.usecase.IssuedToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /v1/.well-known/jwks.json} through manage's Lambda handler: public, cacheable, public keys only. */
class JwksHandlerTest {

    static LambdaHarness lambda;

    @BeforeAll
    static void start() {
        lambda = LambdaHarness.start(Map.of());
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    @Test
    void theKeySetIsPublicCacheableAndHoldsNoPrivatePart() {
        IssuedToken owner = lambda.backend().owner("acme");
        lambda.backend().bean(CreateToken.class).create(lambda.backend().caller(owner), "acme",
                new CreateTokenCommand("direct", null, Scope.ORGANIZATION, "acme", "ORGANIZATION_MEMBER", 1, TokenKind.DIRECT_ACCESS), null);

        LambdaResponse r = lambda.invoke(HttpEvent.request("GET", "/v1/.well-known/jwks.json"));
        assertEquals(200, r.status(), r.body());
        assertEquals("public, max-age=300", r.headers().get("Cache-Control"));
        assertTrue(r.headers().get("Content-Type").startsWith("application/json"), r.headers().toString());
        assertTrue(r.body().contains("\"kty\":\"EC\"") && r.body().contains("\"kid\""), r.body());
        assertFalse(r.body().contains("\"d\""), "the JWKS never carries the private key");
    }
}
