package dev.latchkey.functions.validate;

import dev.latchkey.http.ErrorBody;
import dev.latchkey.http.view.RoleView;
import dev.latchkey.http.view.ValidateResponse;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Reads one question and writes one answer and one error body of every shape at init, so that the first request does
 * not pay for micronaut-serde's first use of these types (their serializers are looked up and built on first use:
 * about 130 classes and 40-50 ms of a cold start's first invoke, docs/benchmarks.md). {@link ValidateRoute} takes it as
 * its first constructor argument, resolved before the controller's chain reaches the DynamoDB client, which on a cold
 * start waits for the SDK preload: so this runs while the preload thread still loads the SDK. Fixed values only (no clock, no randomness, no token), so it is SnapStart-safe.
 */
@Singleton
public class ValidateJsonPriming {

    private static final byte[] QUESTION = ("{\"token\":\"latchkey-priming\",\"organizationId\":\"o\",\"workspaceId\":\"w\","
            + "\"deploymentId\":\"d\",\"dagId\":\"g\",\"permission\":\"deployment.deploy\",\"dagTags\":[\"t\"],"
            + "\"sourceIp\":\"192.0.2.1\"}").getBytes(StandardCharsets.UTF_8);

    private final boolean primed;

    public ValidateJsonPriming(JsonMapper json) {
        this.primed = prime(json);
    }

    private static boolean prime(JsonMapper json) {
        try {
            ValidateRequest question = json.readValue(QUESTION, Argument.of(ValidateRequest.class));
            Instant epoch = Instant.EPOCH;
            json.writeValueAsBytes(new ValidateResponse(true, "VALID", new ValidateResponse.TokenInfo("i", "n", "o",
                    "WORKSPACE", "WORKSPACE", "API_TOKEN", "w", "w",
                    List.of(new RoleView("WORKSPACE", "w", "WORKSPACE_MEMBER", null)), epoch, epoch)));
            json.writeValueAsBytes(new ErrorBody(400, "m", "r", List.of(new ErrorBody.FieldErrorView("f", "c", "m"))));
            return question != null && "latchkey-priming".equals(question.token());
        } catch (IOException | RuntimeException e) {
            // Priming is an optimisation: the first request reads and writes as usual whatever went wrong here.
            return false;
        }
    }

    /** Whether the sample question read back and both answers were written (for tests). */
    public boolean primed() {
        return primed;
    }
}
