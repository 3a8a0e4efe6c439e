package dev.latchkey.functions.create;

import dev.latchkey.access.CidrSet;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.view.ApiTokenView;
import dev.latchkey.http.view.RotationInput;
import dev.latchkey.usecase.Caller;
import dev.latchkey.usecase.CreateToken;
import dev.latchkey.usecase.CreateTokenCommand;
import dev.latchkey.usecase.Inputs;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.SecretCopyRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

/** {@code POST /v1/organizations/{organizationId}/tokens}: the only answer that carries a new token's value. */
@Controller("/v1/organizations/{organizationId}/tokens")
public class CreateTokenController {

    private final CreateToken createToken;

    public CreateTokenController(CreateToken createToken) {
        this.createToken = createToken;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ApiTokenView create(@PathVariable String organizationId,
                               @Nullable @Header("Idempotency-Key") String idempotencyKey,
                               @Body CreateTokenRequest body,
                               Caller caller) {
        IssuedToken issued = createToken.create(caller, organizationId, command(body), idempotencyKey);
        return ApiTokenView.withValue(issued.token(), issued.value());
    }

    private static CreateTokenCommand command(CreateTokenRequest body) {
        Scope scope = Inputs.enumValue("scope", Scope.class, body.scope());
        Scope type = Inputs.enumValue("type", Scope.class, body.type());
        if (scope != null && type != null && scope != type) {
            throw LatchkeyException.invalid("type", "CONFLICT", "scope and type are the same field; they disagree");
        }
        return new CreateTokenCommand(body.name(), body.description(), scope != null ? scope : type, body.entityId(),
                body.role(), body.tokenExpiryPeriodInDays(), Inputs.enumValue("kind", TokenKind.class, body.kind()),
                body.secretsManager() == null ? null : new SecretCopyRequest(body.secretsManager().secretName()),
                RotationInput.toRequest(body.rotation()), CidrSet.parse("allowedCidrs", body.allowedCidrs()));
    }
}
