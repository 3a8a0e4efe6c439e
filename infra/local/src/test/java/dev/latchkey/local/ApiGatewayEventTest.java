package dev.latchkey.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.local.template.SamTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The payload-2.0 event the gateway builds, and how it writes a function's answer back, over the template's real
 * route table, with a recording function in place of the template's.
 */
class ApiGatewayEventTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static SamTemplate template;

    /** Records each event and answers with a fixed payload-2.0 response. */
    static final class Recorder implements ApiGateway.Invocable {
        final List<JsonNode> events = new ArrayList<>();
        final String answer;

        Recorder(String answer) {
            this.answer = answer;
        }

        @Override
        public String invoke(String eventJson) {
            try {
                events.add(JSON.readTree(eventJson));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return answer;
        }
    }

    @BeforeAll
    static void load() {
        template = LocalRunner.loadTemplate();
    }

    static ApiGateway.Response send(Map<String, Recorder> functions, String method, String uri, byte[] body,
                                    List<Map.Entry<String, String>> headers) {
        return new ApiGateway(template, functions).handle(new ApiGateway.Request(method, uri, headers, body, "127.0.0.7", "HTTP/1.1"));
    }

    @Test
    void theEventCarriesWhatApiGatewayPutsInIt() {
        Recorder manage = new Recorder("{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},\"body\":\"{}\"}");
        send(Map.of("ManageFunction", manage), "GET", "/v1/organizations/acme/tokens?workspaceId=ws%201&sorts=name:asc&sorts=id:desc",
                new byte[0], List.of(Map.entry("Authorization", "Bearer x"), Map.entry("X-Multi", "a"), Map.entry("X-Multi", "b"),
                        Map.entry("Cookie", "a=1; b=2"), Map.entry("User-Agent", "test/1"), Map.entry("Host", "127.0.0.1:8080")));
        JsonNode e = manage.events.get(0);
        assertEquals("2.0", e.path("version").asText());
        assertEquals("GET /v1/organizations/{organizationId}/tokens", e.path("routeKey").asText());
        assertEquals("/v1/organizations/acme/tokens", e.path("rawPath").asText());
        assertEquals("workspaceId=ws%201&sorts=name:asc&sorts=id:desc", e.path("rawQueryString").asText());
        assertEquals("ws 1", e.path("queryStringParameters").path("workspaceId").asText());
        assertEquals("name:asc,id:desc", e.path("queryStringParameters").path("sorts").asText(), "repeats joined with commas");
        assertEquals("acme", e.path("pathParameters").path("organizationId").asText());
        assertEquals("Bearer x", e.path("headers").path("authorization").asText(), "names lower-cased");
        assertEquals("a,b", e.path("headers").path("x-multi").asText());
        assertFalse(e.path("headers").has("cookie"), "cookies are moved to their own list");
        assertEquals("[\"a=1\",\"b=2\"]", e.path("cookies").toString());
        JsonNode context = e.path("requestContext");
        assertEquals("GET", context.path("http").path("method").asText());
        assertEquals("/v1/organizations/acme/tokens", context.path("http").path("path").asText());
        assertEquals("127.0.0.7", context.path("http").path("sourceIp").asText());
        assertEquals("test/1", context.path("http").path("userAgent").asText());
        assertEquals("HTTP/1.1", context.path("http").path("protocol").asText());
        assertEquals("$default", context.path("stage").asText());
        assertEquals(e.path("routeKey").asText(), context.path("routeKey").asText());
        assertFalse(context.path("requestId").asText().isEmpty());
        assertTrue(context.path("timeEpoch").asLong() > 0 && context.path("time").asText().endsWith("+0000"));
        assertFalse(e.path("isBase64Encoded").asBoolean());
    }

    @Test
    void jsonBodiesGoAsTextAndBinaryBodiesAsBase64() {
        Recorder validate = new Recorder("{\"statusCode\":200,\"body\":\"{}\"}");
        send(Map.of("ValidateFunction", validate), "POST", "/v1/validate", "{\"token\":\"é\"}".getBytes(StandardCharsets.UTF_8),
                List.of(Map.entry("Content-Type", "application/json; charset=utf-8")));
        byte[] binary = {0, (byte) 0xff, 1};
        send(Map.of("ValidateFunction", validate), "POST", "/v1/validate", binary, List.of(Map.entry("Content-Type", "application/octet-stream")));
        assertEquals("{\"token\":\"é\"}", validate.events.get(0).path("body").asText());
        assertFalse(validate.events.get(0).path("isBase64Encoded").asBoolean());
        assertEquals(Base64.getEncoder().encodeToString(binary), validate.events.get(1).path("body").asText());
        assertTrue(validate.events.get(1).path("isBase64Encoded").asBoolean());
    }

    @Test
    void theAnswerIsWrittenBackWithItsStatusHeadersCookiesAndDecodedBody() {
        Recorder validate = new Recorder("{\"statusCode\":201,\"headers\":{\"x-one\":\"1\"},\"multiValueHeaders\":{\"x-two\":[\"a\",\"b\"]},"
                + "\"cookies\":[\"s=1; Path=/\"],\"isBase64Encoded\":true,\"body\":\"" + Base64.getEncoder().encodeToString("hi".getBytes()) + "\"}");
        ApiGateway.Response r = send(Map.of("ValidateFunction", validate), "POST", "/v1/validate", new byte[0], List.of());
        assertEquals(201, r.status());
        assertEquals("hi", new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(r.headers().contains(Map.entry("x-one", "1")));
        assertTrue(r.headers().contains(Map.entry("x-two", "a")) && r.headers().contains(Map.entry("x-two", "b")));
        assertTrue(r.headers().contains(Map.entry("set-cookie", "s=1; Path=/")));
    }

    @Test
    void aFailingFunctionIs500AndAnUnknownRouteIs404WithoutAskingAnyFunction() {
        ApiGateway.Invocable failing = event -> {
            throw new IllegalStateException("boom");
        };
        ApiGateway gateway = new ApiGateway(template, Map.of("ValidateFunction", failing));
        ApiGateway.Response failed = gateway.handle(new ApiGateway.Request("POST", "/v1/validate", List.of(), new byte[0], "127.0.0.1", "HTTP/1.1"));
        assertEquals(500, failed.status());
        assertEquals("{\"message\":\"Internal Server Error\"}", new String(failed.body(), StandardCharsets.UTF_8));
        ApiGateway.Response unknown = gateway.handle(new ApiGateway.Request("POST", "/v1/validate/", List.of(), new byte[0], "127.0.0.1", "HTTP/1.1"));
        assertEquals(404, unknown.status());
    }
}
