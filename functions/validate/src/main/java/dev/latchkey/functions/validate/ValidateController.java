package dev.latchkey.functions.validate;

import dev.latchkey.access.CidrSet;
import dev.latchkey.access.IpAddress;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.usecase.Inputs;
import dev.latchkey.http.view.ValidateResponse;
import dev.latchkey.usecase.ValidateToken;
import jakarta.inject.Singleton;

/**
 * {@code POST /v1/validate} once {@link ValidateRoute} has bound the question: always 200 with a code for any value,
 * well-formed or not; 400 only when the question itself is malformed (no token field, an unknown permission, an
 * impossible resource path). A plain bean: the validate function has no router to route to a controller.
 */
@Singleton
public class ValidateController {

    private final ValidateToken validateToken;

    public ValidateController(ValidateToken validateToken) {
        this.validateToken = validateToken;
    }

    /** The answer to {@code body}, naming {@code requestId} in the audit log of an IP_NOT_ALLOWED answer. */
    public ValidateResponse validate(ValidateRequest body, String requestId) {
        if (body.token() == null) {
            throw LatchkeyException.invalid("token", "REQUIRED", "token is required");
        }
        ResourcePath resource = new ResourcePath(optionalId("organizationId", body.organizationId()),
                optionalId("workspaceId", body.workspaceId()), optionalId("deploymentId", body.deploymentId()),
                optionalId("dagId", body.dagId()), dagTags(body.dagTags()));
        IpAddress sourceIp = body.sourceIp() == null ? null : CidrSet.address("sourceIp", body.sourceIp());
        return ValidateResponse.of(validateToken.validate(body.token(), resource, body.permission(), sourceIp, requestId));
    }

    private static java.util.List<String> dagTags(java.util.List<Object> tags) {
        if (tags == null) {
            return java.util.List.of();
        }
        if (tags.size() > 50) {
            throw LatchkeyException.invalid("dagTags", "TOO_MANY", "At most 50 dagTags");
        }
        java.util.List<String> checked = new java.util.ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            if (!(tags.get(i) instanceof String tag)) {
                throw LatchkeyException.invalid("dagTags[" + i + "]", "INVALID", "Each dag tag must be a JSON string");
            }
            checked.add(Inputs.entityId("dagTags[" + i + "]", tag));
        }
        return checked;
    }

    private static String optionalId(String field, String value) {
        return value == null ? null : Inputs.entityId(field, value);
    }
}
