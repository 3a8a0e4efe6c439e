package dev.latchkey.functions.revoke;

import dev.latchkey.usecase.Authenticator;
import dev.latchkey.usecase.RevokeToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;

/** {@code DELETE /v1/organizations/{organizationId}/tokens/{tokenId}}: 204, and every value of the token is dead. */
@Controller("/v1/organizations/{organizationId}/tokens/{tokenId}")
public class RevokeTokenController {

    private final Authenticator authenticator;
    private final RevokeToken revokeToken;

    public RevokeTokenController(Authenticator authenticator, RevokeToken revokeToken) {
        this.authenticator = authenticator;
        this.revokeToken = revokeToken;
    }

    @Delete
    public HttpResponse<Void> revoke(@PathVariable String organizationId, @PathVariable String tokenId,
                                     @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        revokeToken.revoke(authenticator.authenticate(authorization), organizationId, tokenId);
        return HttpResponse.noContent();
    }
}
