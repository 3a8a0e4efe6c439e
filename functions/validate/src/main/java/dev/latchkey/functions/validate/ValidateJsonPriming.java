package dev.latchkey.functions.validate;

import dev.latchkey.http.view.RoleView;
import dev.latchkey.http.view.ValidateResponse;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Reads one question and writes one full answer through {@link PlainJson} at init, so that the first request does not
 * load and compile that path (jackson-core's parser and generator). {@link ValidateRoute} takes it as its first
 * constructor argument, resolved before the controller's chain reaches the DynamoDB client, which on a cold start may
 * wait for the SDK preload. serde is left for the first request that needs it (a refusal, or a question that is not
 * plain); SnapStart's priming warms it before a snapshot ({@link ValidateRoutePriming}). Fixed values only (no clock,
 * no randomness, no token), so it is SnapStart-safe.
 */
@Singleton
public class ValidateJsonPriming {

    private static final byte[] QUESTION = ("{\"token\":\"latchkey-priming\",\"organizationId\":\"o\",\"workspaceId\":\"w\","
            + "\"deploymentId\":\"d\",\"dagId\":\"g\",\"permission\":\"deployment.deploy\",\"dagTags\":[\"t\"],"
            + "\"sourceIp\":\"192.0.2.1\"}").getBytes(StandardCharsets.UTF_8);

    private final boolean primed;

    public ValidateJsonPriming() {
        ValidateRequest question = PlainJson.question(QUESTION);
        byte[] answer = PlainJson.answer(new ValidateResponse(true, "VALID", new ValidateResponse.TokenInfo("i", "n", "o",
                "WORKSPACE", "WORKSPACE", "API_TOKEN", "w", "w",
                List.of(new RoleView("WORKSPACE", "w", "WORKSPACE_MEMBER", null)), Instant.EPOCH, Instant.EPOCH)));
        this.primed = question != null && "latchkey-priming".equals(question.token()) && answer.length > 0;
    }

    /** Whether the sample question read back and the answer was written (for tests). */
    public boolean primed() {
        return primed;
    }
}
