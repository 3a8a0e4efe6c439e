package dev.latchkey.functions.validate;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.testing.Seed;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The handler template.yaml names answers every validate request exactly as the HTTP router does (status, headers,
 * body but for the per-request id), and answers the plain ones itself: the fast path may skip the router only where
 * skipping it changes nothing a client sees.
 */
class ValidateFunctionHandlerTest {

    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, ValidateFunctionHandlerTest.class.getClassLoader());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** On the HTTP client template.yaml gives the function. */
    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass(ValidateFunctionHandler::new, Map.of("latchkey.dynamodb-http-client", "apache"));
    static APIGatewayV2HTTPEventFunction router;
    static ValidateRoute route;
    static IssuedToken author;

    @BeforeAll
    static void seed() {
        // The standard handler over the same context: what the function answered before it had a fast path.
        router = new APIGatewayV2HTTPEventFunction(lambda.handler().getApplicationContext());
        route = lambda.handler().getApplicationContext().getBean(ValidateRoute.class);
        var b = lambda.backend();
        Seed seed = Seed.organization(b, "fast").workspace("ws").deployment("dep", "ws");
        IssuedToken owner = seed.ownerToken();
        author = seed.token(Scope.WORKSPACE, "ws", "WORKSPACE_AUTHOR");
    }

    @Test
    void plainRequestsTakeTheFastPathAndAnswerAsTheRouter() throws IOException {
        String asked = "{\"token\":\"" + author.value() + "\",\"workspaceId\":\"ws\",\"deploymentId\":\"dep\"";
        Map<String, HttpEvent> plain = new LinkedHashMap<>();
        plain.put("valid with permission", validate(asked + ",\"permission\":\"deployment.deploy\"}"));
        plain.put("valid, dag tags", validate(asked + ",\"dagId\":\"etl\",\"dagTags\":[\"a\",\"b\"]}"));
        plain.put("malformed value", validate("{\"token\":\"x\"}"));
        plain.put("unknown value", validate("{\"token\":\"lkw_" + "a".repeat(40) + "\"}"));
        plain.put("no token", validate("{\"workspaceId\":\"ws\"}"));
        plain.put("dag tag not a string", validate(asked + ",\"dagTags\":[1]}"));
        plain.put("too many dag tags", validate(asked + ",\"dagTags\":" + JSON.writeValueAsString(java.util.Collections.nCopies(51, "t")) + "}"));
        plain.put("bad workspace id", validate("{\"token\":\"x\",\"workspaceId\":\"no spaces\"}"));
        plain.put("unknown permission", validate(asked + ",\"permission\":\"nope.nope\"}"));
        plain.put("charset utf-8", validate("{\"token\":\"x\"}").header("content-type", "application/json; charset=UTF-8"));
        plain.put("no content-length", validate("{\"token\":\"x\"}").without("content-length"));
        for (var c : plain.entrySet()) {
            assertNotNull(route.answer(event(c.getValue())), c.getKey() + " must take the fast path");
            assertSameAnswer(c.getKey(), c.getValue());
        }
    }

    @Test
    void everythingElseGoesToTheRouterUnchanged() {
        Map<String, HttpEvent> odd = new LinkedHashMap<>();
        odd.put("duplicate key", validate("{\"token\":\"x\",\"token\":\"y\"}"));
        odd.put("trailing content", validate("{\"token\":\"x\"} {}"));
        odd.put("not JSON", validate("{\"token\":"));
        odd.put("JSON null", validate("null"));
        odd.put("an array", validate("[]"));
        odd.put("token not a string", validate("{\"token\":1}"));
        odd.put("unknown query parameter", HttpEvent.request("POST", "/v1/validate?verbose=1").json("{\"token\":\"x\"}"));
        odd.put("text/plain", HttpEvent.request("POST", "/v1/validate").header("content-type", "text/plain").body("{\"token\":\"x\"}"));
        odd.put("no content type", HttpEvent.request("POST", "/v1/validate").body("{\"token\":\"x\"}"));
        odd.put("latin-1", validate("{\"token\":\"x\"}").header("content-type", "application/json; charset=ISO-8859-1"));
        odd.put("base64 body", HttpEvent.request("POST", "/v1/validate").header("content-type", "application/json")
                .base64Body("{\"token\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        odd.put("over the limit", validate("{\"token\":\"" + "a".repeat(70 * 1024) + "\"}"));
        odd.put("declared over the limit", validate("{\"token\":\"x\"}").header("content-length", "70000"));
        odd.put("no body", HttpEvent.request("POST", "/v1/validate").header("content-type", "application/json"));
        odd.put("GET", HttpEvent.request("GET", "/v1/validate"));
        odd.put("trailing slash", HttpEvent.request("POST", "/v1/validate/").json("{\"token\":\"x\"}"));
        odd.put("whoami", HttpEvent.request("GET", "/v1/whoami").bearer(author.value()));
        for (var c : odd.entrySet()) {
            assertNull(route.answer(event(c.getValue())), c.getKey() + " must go to the router");
            assertSameAnswer(c.getKey(), c.getValue());
        }
    }

    /** The table missing: the use case's backend failure, with the router's status, headers and body. */
    @Test
    void backendFailuresAnswerAsTheRouter() {
        try (LambdaHarness broken = LambdaHarness.start(ValidateFunctionHandler::new, Map.of("latchkey.table-name", "no-such-table"))) {
            var brokenRouter = new APIGatewayV2HTTPEventFunction(broken.handler().getApplicationContext());
            HttpEvent e = validate("{\"token\":\"" + author.value() + "\"}");
            APIGatewayV2HTTPResponse fast = broken.handler().handleRequest(event(e), new MockLambdaContext());
            assertEquals(true, fast.getStatusCode() >= 502, fast.getBody());
            assertSameAnswer("missing table", e, broken.handler(), brokenRouter);
        }
    }

    @Test
    void snapStartPrimingReachesTheFastPath() {
        var context = lambda.handler().getApplicationContext();
        new io.micronaut.crac.test.DefaultCheckpointSimulator(
                List.copyOf(context.getBeansOfType(io.micronaut.crac.OrderedResource.class))).runBeforeCheckpoint();
        assertEquals(200, context.getBean(ValidateRoutePriming.class).primedStatus());
    }

    private static HttpEvent validate(String json) {
        return HttpEvent.request("POST", "/v1/validate").json(json);
    }

    private static APIGatewayV2HTTPEvent event(HttpEvent e) {
        return EVENTS.fromJson(e.toJson());
    }

    private static void assertSameAnswer(String name, HttpEvent e) {
        assertSameAnswer(name, e, lambda.handler(), router);
    }

    private static void assertSameAnswer(String name, HttpEvent e, APIGatewayV2HTTPEventFunction handler,
                                         APIGatewayV2HTTPEventFunction standard) {
        APIGatewayV2HTTPResponse fast = handler.handleRequest(event(e), new MockLambdaContext());
        APIGatewayV2HTTPResponse slow = standard.handleRequest(event(e), new MockLambdaContext());
        assertEquals(slow.getStatusCode(), fast.getStatusCode(), name + ": " + fast.getBody());
        assertEquals(headers(slow), headers(fast), name);
        assertEquals(slow.getIsBase64Encoded(), fast.getIsBase64Encoded(), name);
        assertEquals(normalized(slow.getBody()), normalized(fast.getBody()), name);
        assertFalse(fast.getBody().contains(author.value()), name + ": validate must never echo the value");
    }

    /** Header names compared as HTTP compares them; the date differs from call to call. */
    private static Map<String, String> headers(APIGatewayV2HTTPResponse response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        }
        headers.remove("date");
        return headers;
    }

    private static String normalized(String body) {
        try {
            var tree = JSON.readTree(body);
            if (tree instanceof ObjectNode o && o.has("requestId")) {
                o.put("requestId", "<id>");
            }
            return tree.toString();
        } catch (IOException e) {
            return body;
        }
    }

}
