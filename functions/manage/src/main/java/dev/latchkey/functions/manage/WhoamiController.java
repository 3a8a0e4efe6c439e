package dev.latchkey.functions.manage;

import dev.latchkey.domain.TokenHash;
import dev.latchkey.http.view.ValidateResponse;
import dev.latchkey.usecase.Authenticator;
import dev.latchkey.usecase.ValidateToken;
import io.micronaut.core.annotation.Nullable;
import dev.latchkey.http.ClientAddress;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;

/**
 * {@code GET /v1/whoami}: the calling token's metadata as its hash item holds it (the same {@code token} object
 * {@code POST /v1/validate} answers, never the value); the {@link Authenticator}'s 401 when the bearer token is
 * missing or not live. It asks for the hash item, not a {@code Caller}: that does not carry kind, workspace or validity
 * dates, and a second lookup would cost a second read.
 */
@Controller("/v1/whoami")
public class WhoamiController {

    private final Authenticator authenticator;

    public WhoamiController(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Get
    @Produces(MediaType.APPLICATION_JSON)
    public ValidateResponse.TokenInfo whoami(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                             HttpRequest<?> request) {
        TokenHash hash = authenticator.liveHash(authorization, ClientAddress.of(request));
        return ValidateResponse.of(new ValidateToken.Outcome(ValidateToken.Code.VALID, hash)).token();
    }
}
