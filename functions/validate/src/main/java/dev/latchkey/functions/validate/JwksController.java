package dev.latchkey.functions.validate;

import dev.latchkey.usecase.SigningKeys;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /v1/.well-known/jwks.json}: the public keys that verify direct-access tokens, current and previous, so
 * that a key rotation does not break tokens signed before it. Public; cacheable for five minutes.
 */
@Controller("/v1/.well-known/jwks.json")
public class JwksController {

    private final SigningKeys keys;

    public JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @Get
    public HttpResponse<String> jwks() {
        String body = keys.ring().map(ring -> ring.toJwks()).orElse("{\"keys\":[]}");
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "public, max-age=300");
    }
}
