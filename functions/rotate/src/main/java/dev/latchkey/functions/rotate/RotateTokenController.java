package dev.latchkey.functions.rotate;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.view.ApiTokenView;
import dev.latchkey.http.EventBodies;
import dev.latchkey.usecase.Caller;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RotateToken;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.json.JsonMapper;

import java.io.IOException;

/** {@code POST /v1/organizations/{organizationId}/tokens/{tokenId}/rotate}: same id, new value. */
@Controller("/v1/organizations/{organizationId}/tokens/{tokenId}/rotate")
public class RotateTokenController {

    private final RotateToken rotateToken;
    private final JsonMapper json;

    public RotateTokenController(RotateToken rotateToken, JsonMapper json) {
        this.rotateToken = rotateToken;
        this.json = json;
    }

    /** The body is optional (README, API table), so it is read by {@link EventBodies}, not bound as a {@code @Body}. */
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ApiTokenView rotate(@PathVariable String organizationId, @PathVariable String tokenId,
                               HttpRequest<?> http,
                               Caller caller) {
        RotateTokenRequest request = parse(EventBodies.text(http).orElse(null));
        IssuedToken issued = rotateToken.rotate(caller, organizationId, tokenId,
                request == null ? null : request.gracePeriodSeconds());
        return ApiTokenView.withValue(issued.token(), issued.value());
    }

    private RotateTokenRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, RotateTokenRequest.class);
        } catch (IOException e) {
            throw LatchkeyException.invalid("body", "INVALID_JSON",
                    "The body must be empty or a JSON object {\"gracePeriodSeconds\": <whole number>}");
        }
    }
}
