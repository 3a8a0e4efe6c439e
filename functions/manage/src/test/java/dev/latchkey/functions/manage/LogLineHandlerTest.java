package dev.latchkey.functions.manage;

import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.http.testing.LogCapture;
import dev.latchkey.http.testing.StdoutCapture;
import dev.latchkey.usecase.IssuedToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client-supplied paths reach the log on errors (a backend failure logs the request line); CR and LF in them must not
 * start a line of their own that a log reader would take for a genuine event.
 */
class LogLineHandlerTest {

    static final String FORGED = "ERROR dev.latchkey.Forged - forged";

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass(java.util.Map.of("latchkey.metrics.enabled", "true"));
    static IssuedToken owner;

    @BeforeAll
    static void seed() {
        owner = lambda.backend().owner("acme");
        // Without its table every authenticated request fails on the backend, and that failure is logged with the path.
        lambda.backend().bean(DynamoDbClient.class).deleteTable(r -> r.tableName(lambda.backend().table()));
    }

    @Test
    void aBackendFailureIsCountedWithItsOperationInEmbeddedMetricFormat() throws Exception {
        LambdaResponse r;
        List<String> metrics;
        try (StdoutCapture out = StdoutCapture.start()) {
            r = lambda.invoke(HttpEvent.request("GET", "/v1/organizations/acme/tokens").bearer(owner.value()));
            metrics = out.metricLines();
        }
        assertTrue(r.status() == 502 || r.status() == 503, r.body());
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var backend = metrics.stream().map(l -> read(json, l)).filter(m -> m.has("BackendErrors")).toList();
        assertEquals(1, backend.size(), String.valueOf(metrics));
        assertEquals("[[]]", backend.get(0).get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").toString());
        assertEquals(String.valueOf(r.status()), backend.get(0).get("status").asText());
        assertTrue(metrics.stream().map(l -> read(json, l)).anyMatch(m -> m.has("Operations")
                && "GET /v1/organizations/{organizationId}/tokens".equals(m.path("Operation").asText())
                && String.valueOf(r.status()).equals(m.path("Status").asText())), String.valueOf(metrics));
    }

    private static com.fasterxml.jackson.databind.JsonNode read(com.fasterxml.jackson.databind.ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/v1/organizations/acme%0d%0aERROR%20dev.latchkey.Forged%20-%20forged/tokens",
            "/v1/organizations/acme%0aERROR%20dev.latchkey.Forged%20-%20forged/tokens"})
    void aPathWithLineBreaksLogsOneLine(String path) {
        LambdaResponse r;
        List<String> lines;
        try (LogCapture logs = LogCapture.start()) {
            r = lambda.invoke(HttpEvent.request("GET", path).bearer(owner.value()));
            lines = logs.lines();
        }
        assertTrue(r.status() >= 400, r.body());
        r.errorBody();
        assertFalse(lines.stream().anyMatch(l -> l.startsWith(FORGED)), "a forged log line: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARN ") && l.contains("ERROR") && l.contains("dev.latchkey.Forged")),
                "the failure is still logged, the path on the same line: " + lines);
    }

    /**
     * API Gateway never passes raw CR or LF in {@code rawPath} (HTTP cannot carry them there). Should one arrive,
     * Micronaut refuses to build the request's URI before any Latchkey code runs: the invocation fails, and nothing of
     * Latchkey's logs the path.
     */
    @Test
    void aRawLineBreakInTheEventPathForgesNoLogLine() {
        List<String> lines;
        try (LogCapture logs = LogCapture.start()) {
            try {
                lambda.invoke(HttpEvent.request("GET", "/v1/organizations/acme\r\n" + FORGED + "/tokens").bearer(owner.value()));
            } catch (RuntimeException refused) {
                // UriSyntaxException from the proxy's request adapter; the Lambda runtime reports it as one JSON error.
            }
            lines = logs.lines();
        }
        assertFalse(lines.stream().anyMatch(l -> l.startsWith(FORGED)), "a forged log line: " + lines);
    }
}
