package dev.latchkey.functions.rotate;

import dev.latchkey.http.view.ApiTokenView;
import dev.latchkey.usecase.Authenticator;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RotateToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

/** {@code POST /v1/organizations/{organizationId}/tokens/{tokenId}/rotate}: same id, new value. */
@Controller("/v1/organizations/{organizationId}/tokens/{tokenId}/rotate")
public class RotateTokenController {

    private final Authenticator authenticator;
    private final RotateToken rotateToken;

    public RotateTokenController(Authenticator authenticator, RotateToken rotateToken) {
        this.authenticator = authenticator;
        this.rotateToken = rotateToken;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ApiTokenView rotate(@PathVariable String organizationId, @PathVariable String tokenId,
                               @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                               @Nullable @Body RotateTokenRequest body) {
        IssuedToken issued = rotateToken.rotate(authenticator.authenticate(authorization), organizationId, tokenId,
                body == null ? null : body.gracePeriodSeconds());
        return ApiTokenView.withValue(issued.token(), issued.value());
    }
}
