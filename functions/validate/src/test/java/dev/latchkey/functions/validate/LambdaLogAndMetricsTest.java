package dev.latchkey.functions.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LogCapture;
import dev.latchkey.http.testing.StdoutCapture;
import dev.latchkey.usecase.IssuedToken;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the validate function writes in Lambda, through the handler template.yaml names: each request's log line is
 * one JSON object with the fields Logs Insights filters on, never the value, and each answer is counted by its code in
 * an Embedded Metric Format line.
 */
class LambdaLogAndMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API Gateway request id of the recorded event fixture. */
    private static final String API_REQUEST_ID = "Jd1ZrhqJjoEEMxQ=";

    static LambdaHarness lambda;
    static IssuedToken author;

    @BeforeAll
    static void start() {
        lambda = LambdaHarness.start(ValidateFunctionHandler::new, Map.of("latchkey.metrics.enabled", "true"));
        var b = lambda.backend();
        IssuedToken owner = b.owner("ops");
        b.workspace("ops", "ws");
        author = b.token(owner, "ops", Scope.WORKSPACE, "ws", "WORKSPACE_AUTHOR");
    }

    @AfterAll
    static void stop() {
        lambda.close();
        System.clearProperty("latchkey.metrics.enabled");
    }

    @Test
    void aValidateRequestLogsOneJsonLineWithItsFieldsAndNoValue() throws IOException {
        List<String> lines;
        try (LogCapture logs = LogCapture.lambdaJson()) {
            var r = lambda.invoke(validate("{\"token\":\"" + author.value() + "\"}"), new Invocation());
            assertEquals(200, r.status(), r.body());
            lines = logs.lines();
        }
        JsonNode line = requestLine(lines, "POST /v1/validate");
        java.time.Instant.parse(line.get("timestamp").asText());
        assertEquals("INFO", line.get("level").asText());
        assertEquals(Invocation.REQUEST_ID, line.get("requestId").asText());
        assertEquals(Invocation.FUNCTION, line.get("functionName").asText());
        assertEquals(API_REQUEST_ID, line.get("apiRequestId").asText());
        assertEquals(author.token().id(), line.get("tokenId").asText());
        assertEquals("VALID", line.get("code").asText());
        assertEquals("200", line.get("status").asText());
        assertTrue(line.get("latencyMs").asText().matches("\\d+"), line.toString());
        assertTrue(line.get("message").asText().contains("VALID"), line.toString());
        lines.forEach(l -> assertFalse(l.contains(author.value()), "a token value in a log line: " + l));
    }

    @Test
    void aRefusedRequestLogsItsLineWithItsStatus() throws IOException {
        // The function has no router: its own refusals (here a 405) get the same request line.
        List<String> lines;
        try (LogCapture logs = LogCapture.lambdaJson()) {
            var r = lambda.invoke(HttpEvent.request("GET", "/v1/validate").bearer(author.value()), new Invocation());
            assertEquals(405, r.status(), r.body());
            lines = logs.lines();
        }
        JsonNode line = requestLine(lines, "POST /v1/validate");
        assertEquals("405", line.get("status").asText());
        assertEquals(Invocation.REQUEST_ID, line.get("requestId").asText());
        lines.forEach(l -> assertFalse(l.contains(author.value()), "a token value in a log line: " + l));
    }

    @Test
    void validateCountsEachAnswerByItsCodeInEmbeddedMetricFormat() throws IOException {
        List<String> metrics;
        try (StdoutCapture out = StdoutCapture.start()) {
            lambda.invoke(validate("{\"token\":\"" + author.value() + "\"}"));
            lambda.invoke(validate("{\"token\":\"nonsense\"}"));
            metrics = out.metricLines();
        }
        List<String> codes = new ArrayList<>();
        for (String text : metrics) {
            assertFalse(text.contains(author.value()), text);
            JsonNode m = JSON.readTree(text);
            JsonNode directive = m.get("_aws").get("CloudWatchMetrics").get(0);
            if (!"ValidateOutcome".equals(directive.get("Metrics").get(0).get("Name").asText())) {
                continue;
            }
            assertTrue(m.get("_aws").get("Timestamp").isNumber(), text);
            assertEquals("Latchkey", directive.get("Namespace").asText());
            List<String> dimensions = new ArrayList<>();
            directive.get("Dimensions").get(0).forEach(d -> dimensions.add(d.asText()));
            assertEquals(java.util.Set.of("Source", "Code"), java.util.Set.copyOf(dimensions), text);
            assertEquals("Count", directive.get("Metrics").get(0).get("Unit").asText());
            assertEquals("validate", m.get("Source").asText());
            assertEquals(1, m.get("ValidateOutcome").asInt());
            codes.add(m.get("Code").asText());
        }
        assertEquals(List.of("VALID", "MALFORMED"), codes, String.join("\n", metrics));
    }

    private static JsonNode requestLine(List<String> lines, String route) throws IOException {
        for (String l : lines) {
            if (l.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(l);  // every line is JSON
            if ("dev.latchkey.request".equals(node.path("logger").asText()) && route.equals(node.path("route").asText())) {
                return node;
            }
        }
        throw new AssertionError("no request line for " + route + " in " + lines);
    }

    private static HttpEvent validate(String json) {
        return HttpEvent.request("POST", "/v1/validate").json(json);
    }

    /** The invocation context Lambda passes: its request id and the function's name. */
    static final class Invocation extends MockLambdaContext {
        static final String REQUEST_ID = "6bc28136-xmpl-4365-b021-0ce6b2e64ab0";
        static final String FUNCTION = "latchkey-validate";

        @Override
        public String getAwsRequestId() {
            return REQUEST_ID;
        }

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }
    }
}
