package dev.latchkey.functions.rotate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.Scope;
import dev.latchkey.functions.rotate.events.ScheduledRotationHandler;
import dev.latchkey.functions.rotate.events.SecretsManagerRotationHandler;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.StdoutCapture;
import dev.latchkey.store.SecretDocument;
import dev.latchkey.testing.LocalSecretsManager;
import dev.latchkey.usecase.CreateToken;
import dev.latchkey.usecase.CreateTokenCommand;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RotationRequest;
import dev.latchkey.usecase.SecretCopyRequest;
import dev.latchkey.usecase.ValidateToken;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The rotate function's two event handlers, built as Lambda builds them and fed the JSON EventBridge and Secrets
 * Manager send (decoded to the {@code Map} the Lambda runtime hands a {@code RequestHandler<Map, Map>}).
 */
class RotationEventHandlersTest {

    static LambdaHarness lambda;
    static SecretsManagerClient sm;
    static IssuedToken owner;

    @BeforeAll
    static void start() {
        LocalSecretsManager.endpoint();
        sm = LocalSecretsManager.client();
        lambda = LambdaHarness.start();
        owner = lambda.backend().owner("acme");
        lambda.backend().workspace("acme", "ws-1");
    }

    @AfterAll
    static void stop() {
        lambda.close();
        sm.close();
    }

    static Map<String, Object> event(String fixture, Map<String, String> placeholders) throws IOException {
        try (InputStream in = RotationEventHandlersTest.class.getResourceAsStream("/events/" + fixture)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (var p : placeholders.entrySet()) {
                json = json.replace("${" + p.getKey() + "}", p.getValue());
            }
            return new ObjectMapper().readValue(json, new TypeReference<>() { });
        }
    }

    static IssuedToken withCopy(RotationRequest policy) {
        return lambda.backend().bean(CreateToken.class).create(lambda.backend().caller(owner), "acme", new CreateTokenCommand("ci",
                null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", null, null, new SecretCopyRequest(null), policy), null);
    }

    static ValidateToken.Code code(String value) {
        return lambda.backend().bean(ValidateToken.class).validate(value, ResourcePath.none(), null).code();
    }

    @Test
    void theScheduledEventRunsTheSweepAndAnswersItsSummary() throws IOException {
        try (ScheduledRotationHandler handler = new ScheduledRotationHandler()) {
            Map<String, Object> summary = handler.handleRequest(event("eventbridge-scheduled.json", Map.of()), new MockLambdaContext());
            assertEquals(Map.of("due", 0, "rotated", 0, "failed", 0, "skipped", 0, "idleRevoked", 0, "noticesSent", 0,
                    "hygieneFailed", 0, "hygieneSkipped", 0), summary, "no policy is due in a fresh table, and no hygiene");
        }
    }

    @Test
    void theSweepsCountsGoOutInEmbeddedMetricFormat() throws IOException {
        System.setProperty("latchkey.metrics.enabled", "true");
        List<String> lines;
        try (ScheduledRotationHandler handler = new ScheduledRotationHandler(); StdoutCapture out = StdoutCapture.start()) {
            handler.handleRequest(event("eventbridge-scheduled.json", Map.of()), new MockLambdaContext());
            lines = out.metricLines();
        } finally {
            System.clearProperty("latchkey.metrics.enabled");
        }
        assertEquals(1, lines.size(), String.valueOf(lines));
        var metric = new ObjectMapper().readTree(lines.get(0));
        var directive = metric.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("Latchkey", directive.get("Namespace").asText());
        assertEquals("[[]]", directive.get("Dimensions").toString(), "one series per stack, whatever the function");
        List<String> names = new java.util.ArrayList<>();
        directive.get("Metrics").forEach(m -> names.add(m.get("Name").asText()));
        assertEquals(List.of("RotationsDue", "Rotated", "RotationsFailed", "RotationsSkipped"), names);
        names.forEach(name -> assertEquals(0, metric.get(name).asInt(), name));
    }

    @Test
    void secretsManagerDrivesAFullRotationThroughTheHandler() throws IOException {
        IssuedToken t = withCopy(null);
        String arn = t.token().secretCopy().secretArn();
        String version = UUID.randomUUID().toString();
        try (SecretsManagerRotationHandler handler = new SecretsManagerRotationHandler()) {
            for (String step : new String[]{"createSecret", "setSecret", "testSecret", "finishSecret"}) {
                Map<String, Object> answer = handler.handleRequest(
                        event("secretsmanager-rotation.json", Map.of("STEP", step, "SECRET_ARN", arn, "VERSION", version)),
                        new MockLambdaContext());
                assertEquals(step, answer.get("step"));
            }
        }
        String current = SecretDocument.parse(sm.getSecretValue(r -> r.secretId(arn).versionStage("AWSCURRENT")).secretString())
                .orElseThrow().token();
        assertNotEquals(t.value(), current);
        assertEquals(ValidateToken.Code.VALID, code(current));
    }

    /**
     * The takeover this guards against: a secret made by anyone, tagged with the bootstrap owner token's id (a token
     * with no copy), and the rotation handler run on it. No step may put a value of that token into the secret.
     */
    @Test
    void aForeignSecretTaggedWithTheOwnerTokenGetsNoValue() throws IOException {
        String arn = sm.createSecret(r -> r.name("attacker/loot-" + System.nanoTime()).secretString("{}").tags(
                t -> t.key("latchkey:tokenId").value(owner.token().id()),
                t -> t.key("latchkey:organizationId").value("acme"))).arn();
        String version = UUID.randomUUID().toString();
        try (SecretsManagerRotationHandler handler = new SecretsManagerRotationHandler()) {
            for (String step : new String[]{"createSecret", "setSecret", "testSecret", "finishSecret"}) {
                Map<String, Object> event = event("secretsmanager-rotation.json", Map.of("STEP", step, "SECRET_ARN", arn, "VERSION", version));
                RuntimeException refused = assertThrows(RuntimeException.class, () -> handler.handleRequest(event, new MockLambdaContext()), step);
                assertEquals(true, String.valueOf(refused.getMessage()).contains("not that token's Secrets Manager copy"), refused.getMessage());
            }
        }
        assertEquals(1, sm.listSecretVersionIds(r -> r.secretId(arn)).versions().size(), "no AWSPENDING was written");
        assertEquals("{}", sm.getSecretValue(r -> r.secretId(arn)).secretString());
        assertEquals(ValidateToken.Code.VALID, code(owner.value()), "the owner token is untouched");
    }
}
