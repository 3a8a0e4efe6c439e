package dev.latchkey.functions.manage;

import dev.latchkey.usecase.SigningKeys;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /v1/.well-known/jwks.json}: the public keys that verify direct-access tokens, current and previous, so
 * that a key rotation does not break tokens signed before it, read from the public-key secret (never the private
 * ring). Public; cacheable for five minutes.
 */
@Controller("/v1/.well-known/jwks.json")
public class JwksController {

    private final SigningKeys keys;

    public JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @Get
    public HttpResponse<String> jwks() {
        // No keys yet (no direct-access token was ever made) is an empty set, not an error.
        String body = keys.jwks().toJwks();
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "public, max-age=300");
    }
}
