package dev.latchkey.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.local.template.CloudFormationYaml;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner as API Gateway: its route table, per-function isolation, the authorizer, the schedule, the limits. */
class GatewayRunnerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static LocalRunner.Running runner;
    static RunnerClient client;

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(new RunnerOptions(0, null, "gw-org", 1, 0, null, false));
        client = RunnerClient.of(runner);
    }

    @AfterAll
    static void stop() {
        runner.stop();
    }

    /** Every HttpApi event of the template, read straight from the YAML (not through the runner's own model). */
    @SuppressWarnings("unchecked")
    static TreeSet<String> templateRoutes() throws Exception {
        Map<String, Object> template = CloudFormationYaml.parse(runner.template().file());
        TreeSet<String> routes = new TreeSet<>();
        ((Map<String, Object>) template.get("Resources")).values().forEach(r -> {
            Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) r).getOrDefault("Properties", Map.of());
            ((Map<String, Object>) props.getOrDefault("Events", Map.of())).values().forEach(e -> {
                Map<String, Object> event = (Map<String, Object>) e;
                if ("HttpApi".equals(event.get("Type"))) {
                    Map<String, Object> p = (Map<String, Object>) event.get("Properties");
                    routes.add(p.get("Method") + " " + p.get("Path"));
                }
            });
        });
        return routes;
    }

    @Test
    void theRouteTableIsTheTemplatesAndEveryRouteReachesAFunction() throws Exception {
        TreeSet<String> expected = templateRoutes();
        assertFalse(expected.isEmpty());
        assertEquals(expected, new TreeSet<>(runner.routeKeys()));
        for (String route : expected) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "gw-x");
            String body = method.equals("POST") || method.equals("PUT") ? "{}" : null;
            HttpResponse<String> response = client.call(method, path, body);
            assertFalse(RunnerClient.isGatewayMessage(response, "Not Found"), route + " is not served: " + response.body());
        }
    }

    @Test
    void eachFunctionHasItsOwnClassesOnly() throws Exception {
        LambdaFunction validate = runner.function("ValidateFunction");
        ClassLoader loader = validate.classLoader();
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("dev.latchkey.functions.manage.TokenReadController"));
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass(LocalRunner.class.getName()));
        loader.loadClass("dev.latchkey.functions.validate.ValidateController");
        // No router and no HTTP types: the validate zip answers the event without micronaut-http.
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.micronaut.http.MediaType"));
        // The same zip deployed twice (validate and the authorizer) is two class loaders, as it is two containers.
        assertFalse(loader == runner.function("AuthorizerFunction").classLoader());
        assertFalse(loader.loadClass("dev.latchkey.usecase.ValidateToken")
                == runner.function("ManageFunction").classLoader().loadClass("dev.latchkey.usecase.ValidateToken"));

        // A manage route sent to the validate function itself: its router does not know it.
        String event = HttpEvent.request("GET", "/v1/organizations/gw-org/tokens").bearer(runner.ownerToken().value()).toJson();
        JsonNode answer = JSON.readTree(validate.invoke(event));
        assertEquals(404, answer.path("statusCode").asInt(), answer.toString());
    }

    @Test
    void theExampleRouteGoesThroughTheAuthorizerFirstThenAnswers501() throws Exception {
        long asked = runner.function("AuthorizerFunction").invocations();
        HttpResponse<String> allowed = client.call("GET", "/v1/example/organizations/gw-org/protected", null);
        assertEquals(501, allowed.statusCode(), RunnerClient.describe(allowed));
        assertTrue(allowed.body().contains("python3.12"), allowed.body());
        assertEquals(asked + 1, runner.function("AuthorizerFunction").invocations());

        HttpResponse<String> otherOrganization = client.call("GET", "/v1/example/organizations/globex/protected", null);
        assertEquals(403, otherOrganization.statusCode());
        assertTrue(RunnerClient.isGatewayMessage(otherOrganization, "Forbidden"));
        HttpResponse<String> noHeader = client.callAs(null, "GET", "/v1/example/organizations/gw-org/protected", null);
        assertEquals(401, noHeader.statusCode());
        assertTrue(RunnerClient.isGatewayMessage(noHeader, "Unauthorized"));
        assertEquals(asked + 2, runner.function("AuthorizerFunction").invocations(), "no header: the authorizer is not asked");
    }

    @Test
    void theScheduledFunctionRunsOnItsIntervalThroughItsOwnHandler() throws Exception {
        LambdaFunction schedule = runner.function("RotationScheduleFunction");
        long deadline = System.currentTimeMillis() + 30_000;
        while (schedule.invocations() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(schedule.invocations() >= 2, "invoked every second: " + schedule.invocations());
        JsonNode summary = JSON.readTree(schedule.invoke(LocalRunner.scheduledEvent("RotationScheduleFunction")));
        assertEquals(0, summary.path("failed").asInt(), summary.toString());
        assertTrue(summary.has("due") && summary.has("rotated"), summary.toString());
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        // ofInputStream has no known length: the client sends it chunked, without Content-Length.
        byte[] mebibyte = new byte[1024 * 1024];
        java.util.Arrays.fill(mebibyte, (byte) 'a');
        InputStream threeMiB = new SequenceInputStream(Collections.enumeration(java.util.List.of(
                new ByteArrayInputStream("{\"token\":\"".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(mebibyte), new ByteArrayInputStream(mebibyte), new ByteArrayInputStream(mebibyte))));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.port() + "/v1/validate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> threeMiB)).build();
        // A client of its own: the shared one may hand out a pooled connection that an earlier 413 left half-closed
        // ("header parser received no bytes"), which says nothing about this request.
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertTrue(RunnerClient.isGatewayMessage(response, "Request Entity Too Large"), response.body());
    }

    @Test
    void aBodyWithContentLengthOverTheLimitIs413AndOneJustUnderReachesTheFunction() throws Exception {
        HttpResponse<String> big = client.call("POST", "/v1/validate", "{\"token\":\"" + "a".repeat(GatewayServer.MAX_BODY_BYTES) + "\"}");
        assertEquals(413, big.statusCode());
        String under = "{\"token\":\"" + "a".repeat(GatewayServer.MAX_BODY_BYTES - 20) + "\"}";
        HttpResponse<String> passed = client.call("POST", "/v1/validate", under);
        assertFalse(RunnerClient.isGatewayMessage(passed, "Request Entity"), passed.body());
        assertTrue(passed.body().contains("\"code\"") || passed.body().contains("\"statusCode\""), "the function answered: " + RunnerClient.describe(passed));
    }

    @Test
    void oversizedHeadersAre431AndAnOversizedUrlIs414() throws Exception {
        assertEquals(431, rawStatus("GET /v1/whoami HTTP/1.1\r\nHost: x\r\nX-Pad: " + "p".repeat(GatewayServer.MAX_HEADER_BYTES) + "\r\n\r\n"));
        assertEquals(414, rawStatus("GET /v1/whoami?pad=" + "p".repeat(GatewayServer.MAX_REQUEST_LINE_BYTES) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(401, rawStatus("GET /v1/whoami HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), "a normal request still works");
    }

    /** The status line's code for a request written byte for byte (java.net.http refuses some of these itself). */
    static int rawStatus(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", runner.port())) {
            // Generous: the last request reaches a function that may still be starting on a loaded machine.
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            Matcher m = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(head);
            assertTrue(m.find(), head);
            return Integer.parseInt(m.group(1));
        }
    }
}
