package dev.latchkey.functions.manage;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.BearerToken;
import dev.latchkey.http.view.ValidateResponse;
import dev.latchkey.usecase.TokenLookup;
import dev.latchkey.usecase.ValidateToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;

/**
 * {@code GET /v1/whoami}: the calling token's metadata as its hash item holds it (the same {@code token} object
 * {@code POST /v1/validate} answers, never the value); 401 with the error body when the bearer token is missing or
 * not live.
 *
 * <p>It authenticates exactly as {@link dev.latchkey.usecase.Authenticator} does (same lookup, same three 401
 * messages), but keeps the looked-up hash item: {@code Caller} does not carry kind, workspace or validity dates, and a
 * second lookup would cost a second read.
 */
@Controller("/v1/whoami")
public class WhoamiController {

    private final TokenLookup lookup;

    public WhoamiController(TokenLookup lookup) {
        this.lookup = lookup;
    }

    @Get
    @Produces(MediaType.APPLICATION_JSON)
    public ValidateResponse.TokenInfo whoami(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw LatchkeyException.unauthenticated("Missing Authorization: Bearer <api token> header");
        }
        if (!BearerToken.isBearer(authorization)) {
            throw LatchkeyException.unauthenticated("The Authorization header must use the Bearer scheme");
        }
        TokenLookup.Result result = lookup.lookup(BearerToken.value(authorization).orElse(""));
        if (!result.live()) {
            // One message for every failure: the answer must not tell a guesser which values exist.
            throw LatchkeyException.unauthenticated("The API token is invalid, expired or revoked");
        }
        return ValidateResponse.of(new ValidateToken.Outcome(ValidateToken.Code.VALID, result.hash())).token();
    }
}
