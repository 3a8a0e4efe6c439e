package dev.latchkey.functions.validate;

import dev.latchkey.access.ResourcePath;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.usecase.Inputs;
import dev.latchkey.usecase.ValidateToken;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

/**
 * {@code POST /v1/validate}: always 200 with a code for any value, well-formed or not; 400 only when the question
 * itself is malformed (no token field, an unknown permission, an impossible resource path).
 */
@Controller("/v1/validate")
public class ValidateController {

    private final ValidateToken validateToken;

    public ValidateController(ValidateToken validateToken) {
        this.validateToken = validateToken;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ValidateResponse validate(@Body ValidateRequest body) {
        if (body.token() == null) {
            throw LatchkeyException.invalid("token", "REQUIRED", "token is required");
        }
        ResourcePath resource = new ResourcePath(optionalId("organizationId", body.organizationId()),
                optionalId("workspaceId", body.workspaceId()), optionalId("deploymentId", body.deploymentId()),
                optionalId("dagId", body.dagId()));
        return ValidateResponse.of(validateToken.validate(body.token(), resource, body.permission()));
    }

    private static String optionalId(String field, String value) {
        return value == null ? null : Inputs.entityId(field, value);
    }
}
