package dev.latchkey.functions.revoke;

import dev.latchkey.usecase.Caller;
import dev.latchkey.usecase.RevokeToken;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code DELETE /v1/organizations/{organizationId}/tokens/{tokenId}}: 204, and every value of the token is dead.
 * When the token's Secrets Manager copy could not be deleted, the token is revoked all the same and the answer is 200
 * naming the secret that is left over, so nobody mistakes it for a clean delete.
 */
@Controller("/v1/organizations/{organizationId}/tokens/{tokenId}")
public class RevokeTokenController {

    /** The 200 answer of a revocation whose secret copy outlived it. */
    @Serdeable
    public record RevokedWithLeftover(String id, boolean revoked, LeftOverSecret secretsManager) {
    }

    /** The secret copy that is still there, and why. */
    @Serdeable
    public record LeftOverSecret(String secretArn, boolean deleted, String message) {
    }

    private final RevokeToken revokeToken;

    public RevokeTokenController(RevokeToken revokeToken) {
        this.revokeToken = revokeToken;
    }

    @Delete
    public HttpResponse<?> revoke(@PathVariable String organizationId, @PathVariable String tokenId, Caller caller) {
        RevokeToken.Outcome outcome = revokeToken.revoke(caller, organizationId, tokenId);
        if (outcome.secretLeftOver() == null) {
            return HttpResponse.noContent();
        }
        return HttpResponse.ok(new RevokedWithLeftover(outcome.token().id(), true,
                        new LeftOverSecret(outcome.secretLeftOver(), false, outcome.problem())))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
