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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handler template.yaml names answers every request exactly as the HTTP router answered it (status, headers,
 * body but for the per-request id): the answers below were recorded from the router, so a handler without it cannot
 * drift from what clients saw.
 */
class ValidateFunctionHandlerTest {

    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, ValidateFunctionHandlerTest.class.getClassLoader());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** On the HTTP client template.yaml gives the function. */
    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass(ValidateFunctionHandler::new, Map.of("latchkey.dynamodb-http-client", "apache"));
    static IssuedToken author;

    @BeforeAll
    static void seed() {
        var b = lambda.backend();
        Seed seed = Seed.organization(b, "fast").workspace("ws").deployment("dep", "ws");
        IssuedToken owner = seed.ownerToken();
        author = seed.token(Scope.WORKSPACE, "ws", "WORKSPACE_AUTHOR");
    }

    /**
     * What the HTTP router answered for each request when this function still had it (recorded from it, request id
     * aside): the handler must keep answering exactly this, header names and lengths included.
     */
    private static final Map<String, Answer> ROUTER_ANSWERS = Map.ofEntries(
            Map.entry("valid with permission", answer(400, "{Content-Length=398, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"organizationId is required with workspaceId, deploymentId, dagId, dagTags or permission: ids are unique only within an organization\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"organizationId\",\"code\":\"REQUIRED\",\"message\":\"organizationId is required with workspaceId, deploymentId, dagId, dagTags or permission: ids are unique only within an organization\"}]}")),
            Map.entry("valid, dag tags", answer(400, "{Content-Length=398, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"organizationId is required with workspaceId, deploymentId, dagId, dagTags or permission: ids are unique only within an organization\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"organizationId\",\"code\":\"REQUIRED\",\"message\":\"organizationId is required with workspaceId, deploymentId, dagId, dagTags or permission: ids are unique only within an organization\"}]}")),
            Map.entry("malformed value", answer(200, "{Content-Length=34, Content-Type=application/json}", "{\"valid\":false,\"code\":\"MALFORMED\"}")),
            Map.entry("unknown value", answer(200, "{Content-Length=34, Content-Type=application/json}", "{\"valid\":false,\"code\":\"MALFORMED\"}")),
            Map.entry("no token", answer(400, "{Content-Length=161, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"token is required\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"token\",\"code\":\"REQUIRED\",\"message\":\"token is required\"}]}")),
            Map.entry("dag tag not a string", answer(400, "{Content-Length=199, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Each dag tag must be a JSON string\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"dagTags[0]\",\"code\":\"INVALID\",\"message\":\"Each dag tag must be a JSON string\"}]}")),
            Map.entry("too many dag tags", answer(400, "{Content-Length=165, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"At most 50 dagTags\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"dagTags\",\"code\":\"TOO_MANY\",\"message\":\"At most 50 dagTags\"}]}")),
            Map.entry("bad workspace id", answer(400, "{Content-Length=285, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"workspaceId must be 1-64 letters, digits, '_', '-' or single '.' characters\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"workspaceId\",\"code\":\"INVALID_ID\",\"message\":\"workspaceId must be 1-64 letters, digits, '_', '-' or single '.' characters\"}]}")),
            Map.entry("unknown permission", answer(400, "{Content-Length=202, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unknown permission 'nope.nope'\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"permission\",\"code\":\"UNKNOWN_PERMISSION\",\"message\":\"Unknown permission 'nope.nope'\"}]}")),
            Map.entry("charset utf-8", answer(200, "{Content-Length=34, Content-Type=application/json}", "{\"valid\":false,\"code\":\"MALFORMED\"}")),
            Map.entry("no content-length", answer(200, "{Content-Length=34, Content-Type=application/json}", "{\"valid\":false,\"code\":\"MALFORMED\"}")),
            Map.entry("duplicate key", answer(400, "{Content-Length=200, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Invalid body: the key token appears twice\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"token\",\"code\":\"DUPLICATE_KEY\",\"message\":\"the key token appears twice\"}]}")),
            Map.entry("trailing content", answer(400, "{Content-Length=234, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Invalid body: nothing may follow the top-level JSON value\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"body\",\"code\":\"TRAILING_CONTENT\",\"message\":\"nothing may follow the top-level JSON value\"}]}")),
            Map.entry("not JSON", answer(400, "{Content-Length=190, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unable to decode request body: Error decoding JSON stream for type [body]: Unexpected end-of-input within/between Object entries\",\"requestId\":\"<id>\"}")),
            Map.entry("JSON null", answer(400, "{Content-Length=193, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Required Body [body] not specified\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"body\",\"code\":\"INVALID\",\"message\":\"Required Body [body] not specified\"}]}")),
            Map.entry("an array", answer(400, "{Content-Length=188, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unable to decode request body: Error decoding JSON stream for type [body]: Unexpected token START_ARRAY, expected START_OBJECT\",\"requestId\":\"<id>\"}")),
            Map.entry("token not a string", answer(400, "{Content-Length=169, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unable to decode request body: Error decoding JSON stream for type [body]: Expected a JSON string for token\",\"requestId\":\"<id>\"}")),
            Map.entry("unknown query parameter", answer(400, "{Content-Length=286, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unknown query parameter verbose: this route accepts no query parameters\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"verbose\",\"code\":\"UNKNOWN_QUERY_PARAMETER\",\"message\":\"Unknown query parameter verbose: this route accepts no query parameters\"}]}")),
            Map.entry("text/plain", answer(415, "{Content-Length=99, Content-Type=application/json}", "{\"statusCode\":415,\"message\":\"Content-Type must be application/json\",\"requestId\":\"<id>\"}")),
            Map.entry("no content type", answer(200, "{Content-Length=34, Content-Type=application/json}", "{\"valid\":false,\"code\":\"MALFORMED\"}")),
            Map.entry("latin-1", answer(200, "{Content-Length=34, Content-Type=application/json}", "{\"valid\":false,\"code\":\"MALFORMED\"}")),
            Map.entry("base64 body", answer(200, "{Content-Length=34, Content-Type=application/json}", "{\"valid\":false,\"code\":\"MALFORMED\"}")),
            Map.entry("over the limit", answer(413, "{Content-Length=105, Content-Type=application/json}", "{\"statusCode\":413,\"message\":\"The request body is larger than 65536 bytes\",\"requestId\":\"<id>\"}")),
            Map.entry("declared over the limit", answer(413, "{Content-Length=105, Content-Type=application/json}", "{\"statusCode\":413,\"message\":\"The request body is larger than 65536 bytes\",\"requestId\":\"<id>\"}")),
            Map.entry("no body", answer(400, "{Content-Length=103, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unable to decode request body: Empty body\",\"requestId\":\"<id>\"}")),
            Map.entry("GET", answer(405, "{Allow=POST, Content-Length=103, Content-Type=application/json}", "{\"statusCode\":405,\"message\":\"Method GET is not allowed on /v1/validate\",\"requestId\":\"<id>\"}")),
            Map.entry("trailing slash", answer(200, "{Content-Length=34, Content-Type=application/json}", "{\"valid\":false,\"code\":\"MALFORMED\"}")),
            Map.entry("unknown field", answer(200, "{Content-Length=34, Content-Type=application/json}", "{\"valid\":false,\"code\":\"MALFORMED\"}")),
            Map.entry("PUT", answer(405, "{Allow=POST, Content-Length=103, Content-Type=application/json}", "{\"statusCode\":405,\"message\":\"Method PUT is not allowed on /v1/validate\",\"requestId\":\"<id>\"}")),
            Map.entry("unknown path", answer(404, "{Content-Length=107, Content-Type=application/json}", "{\"statusCode\":404,\"message\":\"No such route: GET /v1/organizations/o/tokens\",\"requestId\":\"<id>\"}")),
            Map.entry("+json", answer(415, "{Content-Length=99, Content-Type=application/json}", "{\"statusCode\":415,\"message\":\"Content-Type must be application/json\",\"requestId\":\"<id>\"}")),
            Map.entry("xml", answer(415, "{Content-Length=99, Content-Type=application/json}", "{\"statusCode\":415,\"message\":\"Content-Type must be application/json\",\"requestId\":\"<id>\"}")),
            Map.entry("dagTags string", answer(400, "{Content-Length=188, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unable to decode request body: Error decoding JSON stream for type [body]: Unexpected token VALUE_STRING, expected START_ARRAY\",\"requestId\":\"<id>\"}")),
            Map.entry("two query", answer(400, "{Content-Length=268, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unknown query parameter b: this route accepts no query parameters\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"b\",\"code\":\"UNKNOWN_QUERY_PARAMETER\",\"message\":\"Unknown query parameter b: this route accepts no query parameters\"}]}")),
            Map.entry("blank body", answer(400, "{Content-Length=159, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unable to decode request body: Error decoding JSON stream for type [body]: No JSON input to parse\",\"requestId\":\"<id>\"}")),
            Map.entry("token null", answer(400, "{Content-Length=161, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"token is required\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"token\",\"code\":\"REQUIRED\",\"message\":\"token is required\"}]}")),
            Map.entry("DELETE", answer(405, "{Allow=POST, Content-Length=106, Content-Type=application/json}", "{\"statusCode\":405,\"message\":\"Method DELETE is not allowed on /v1/validate\",\"requestId\":\"<id>\"}")),
            Map.entry("GET slash", answer(405, "{Allow=POST, Content-Length=104, Content-Type=application/json}", "{\"statusCode\":405,\"message\":\"Method GET is not allowed on /v1/validate/\",\"requestId\":\"<id>\"}")),
            Map.entry("number", answer(400, "{Content-Length=193, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unable to decode request body: Error decoding JSON stream for type [body]: Unexpected token VALUE_NUMBER_INT, expected START_OBJECT\",\"requestId\":\"<id>\"}")),
            Map.entry("big over + query", answer(400, "{Content-Length=268, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unknown query parameter q: this route accepts no query parameters\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"q\",\"code\":\"UNKNOWN_QUERY_PARAMETER\",\"message\":\"Unknown query parameter q: this route accepts no query parameters\"}]}")),
            Map.entry("text/plain over", answer(413, "{Content-Length=105, Content-Type=application/json}", "{\"statusCode\":413,\"message\":\"The request body is larger than 65536 bytes\",\"requestId\":\"<id>\"}")),
            Map.entry("query + dup", answer(400, "{Content-Length=268, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unknown query parameter q: this route accepts no query parameters\",\"requestId\":\"<id>\",\"fieldErrors\":[{\"field\":\"q\",\"code\":\"UNKNOWN_QUERY_PARAMETER\",\"message\":\"Unknown query parameter q: this route accepts no query parameters\"}]}")),
            Map.entry("text/plain dup", answer(415, "{Content-Length=99, Content-Type=application/json}", "{\"statusCode\":415,\"message\":\"Content-Type must be application/json\",\"requestId\":\"<id>\"}")),
            Map.entry("GET query", answer(405, "{Allow=POST, Content-Length=103, Content-Type=application/json}", "{\"statusCode\":405,\"message\":\"Method GET is not allowed on /v1/validate\",\"requestId\":\"<id>\"}")),
            Map.entry("query + text/plain", answer(415, "{Content-Length=99, Content-Type=application/json}", "{\"statusCode\":415,\"message\":\"Content-Type must be application/json\",\"requestId\":\"<id>\"}")),
            Map.entry("dagId num", answer(400, "{Content-Length=169, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unable to decode request body: Error decoding JSON stream for type [body]: Expected a JSON string for dagId\",\"requestId\":\"<id>\"}")),
            Map.entry("bad utf8 b64", answer(400, "{Content-Length=270, Content-Type=application/json}", "{\"statusCode\":400,\"message\":\"Unable to decode request body: Error decoding JSON stream for type [body]: Error decoding property [String token] of type [class dev.latchkey.functions.validate.ValidateRequest]: Invalid UTF-8 start byte 0xff\",\"requestId\":\"<id>\"}")),
            Map.entry("missing table", answer(502, "{Content-Length=129, Content-Type=application/json}", "{\"statusCode\":502,\"message\":\"The token table refused read token hash (ResourceNotFoundException)\",\"requestId\":\"<id>\"}")));

    record Answer(int status, String headers, String body) {
    }

    private static Answer answer(int status, String headers, String body) {
        return new Answer(status, headers, body);
    }

    /** The requests validate's route tests do not already pin down: every edge the router used to judge. */
    private static Map<String, HttpEvent> cases() throws IOException {
        String asked = "{\"token\":\"" + author.value() + "\",\"workspaceId\":\"ws\",\"deploymentId\":\"dep\"";
        Map<String, HttpEvent> c = new LinkedHashMap<>();
        c.put("valid with permission", validate(asked + ",\"permission\":\"deployment.deploy\"}"));
        c.put("valid, dag tags", validate(asked + ",\"dagId\":\"etl\",\"dagTags\":[\"a\",\"b\"]}"));
        c.put("malformed value", validate("{\"token\":\"x\"}"));
        c.put("unknown value", validate("{\"token\":\"lkw_" + "a".repeat(40) + "\"}"));
        c.put("no token", validate("{\"workspaceId\":\"ws\"}"));
        c.put("dag tag not a string", validate(asked + ",\"dagTags\":[1]}"));
        c.put("too many dag tags", validate(asked + ",\"dagTags\":" + JSON.writeValueAsString(java.util.Collections.nCopies(51, "t")) + "}"));
        c.put("bad workspace id", validate("{\"token\":\"x\",\"workspaceId\":\"no spaces\"}"));
        c.put("unknown permission", validate(asked + ",\"permission\":\"nope.nope\"}"));
        c.put("charset utf-8", validate("{\"token\":\"x\"}").header("content-type", "application/json; charset=UTF-8"));
        c.put("no content-length", validate("{\"token\":\"x\"}").without("content-length"));
        c.put("duplicate key", validate("{\"token\":\"x\",\"token\":\"y\"}"));
        c.put("trailing content", validate("{\"token\":\"x\"} {}"));
        c.put("not JSON", validate("{\"token\":"));
        c.put("JSON null", validate("null"));
        c.put("an array", validate("[]"));
        c.put("token not a string", validate("{\"token\":1}"));
        c.put("unknown query parameter", HttpEvent.request("POST", "/v1/validate?verbose=1").json("{\"token\":\"x\"}"));
        c.put("text/plain", HttpEvent.request("POST", "/v1/validate").header("content-type", "text/plain").body("{\"token\":\"x\"}"));
        c.put("no content type", HttpEvent.request("POST", "/v1/validate").body("{\"token\":\"x\"}"));
        c.put("latin-1", validate("{\"token\":\"x\"}").header("content-type", "application/json; charset=ISO-8859-1"));
        c.put("base64 body", HttpEvent.request("POST", "/v1/validate").header("content-type", "application/json")
                .base64Body("{\"token\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        c.put("over the limit", validate("{\"token\":\"" + "a".repeat(70 * 1024) + "\"}"));
        c.put("declared over the limit", validate("{\"token\":\"x\"}").header("content-length", "70000"));
        c.put("no body", HttpEvent.request("POST", "/v1/validate").header("content-type", "application/json"));
        c.put("GET", HttpEvent.request("GET", "/v1/validate"));
        c.put("trailing slash", HttpEvent.request("POST", "/v1/validate/").json("{\"token\":\"x\"}"));
        c.put("unknown field", validate("{\"token\":\"x\",\"extra\":1}"));
        c.put("PUT", HttpEvent.request("PUT", "/v1/validate").json("{\"token\":\"x\"}"));
        c.put("unknown path", HttpEvent.request("GET", "/v1/organizations/o/tokens"));
        c.put("+json", HttpEvent.request("POST", "/v1/validate").header("content-type", "application/vnd.x+json").body("{\"token\":\"x\"}"));
        c.put("xml", HttpEvent.request("POST", "/v1/validate").header("content-type", "application/xml").body("{\"token\":\"x\"}"));
        c.put("dagTags string", validate("{\"token\":\"x\",\"dagTags\":\"a\"}"));
        c.put("two query", HttpEvent.request("POST", "/v1/validate?z=1&b").json("{\"token\":\"x\"}"));
        c.put("blank body", validate("   "));
        c.put("token null", validate("{\"token\":null}"));
        c.put("DELETE", HttpEvent.request("DELETE", "/v1/validate"));
        c.put("GET slash", HttpEvent.request("GET", "/v1/validate/"));
        c.put("number", validate("12"));
        c.put("big over + query", HttpEvent.request("POST", "/v1/validate?q=1").json("{\"token\":\"" + "a".repeat(70 * 1024) + "\"}"));
        c.put("text/plain over", HttpEvent.request("POST", "/v1/validate").header("content-type", "text/plain").body("{\"token\":\"" + "a".repeat(70 * 1024) + "\"}"));
        c.put("query + dup", HttpEvent.request("POST", "/v1/validate?q=1").json("{\"token\":\"x\",\"token\":\"y\"}"));
        c.put("text/plain dup", HttpEvent.request("POST", "/v1/validate").header("content-type", "text/plain").body("{\"token\":\"x\",\"token\":\"y\"}"));
        c.put("GET query", HttpEvent.request("GET", "/v1/validate?q=1"));
        c.put("query + text/plain", HttpEvent.request("POST", "/v1/validate?q=1").header("content-type", "text/plain").body("x"));
        c.put("dagId num", validate("{\"token\":\"x\",\"dagId\":5}"));
        c.put("bad utf8 b64", HttpEvent.request("POST", "/v1/validate").header("content-type", "application/json")
                .base64Body(new byte[]{'{', '"', 't', 'o', 'k', 'e', 'n', '"', ':', '"', (byte) 0xff, '"', '}'}));
        return c;
    }

    @Test
    void everyRequestAnswersAsTheRouterDid() throws IOException {
        Map<String, HttpEvent> cases = cases();
        TreeSet<String> recorded = new TreeSet<>(ROUTER_ANSWERS.keySet());
        recorded.remove("missing table");
        assertEquals(recorded, new TreeSet<>(cases.keySet()));
        for (var c : cases.entrySet()) {
            assertAnswer(c.getKey(), lambda.handler().handleRequest(event(c.getValue()), new MockLambdaContext()));
        }
    }

    @Test
    void aLiveTokenIsValid() {
        HttpEvent e = validate("{\"token\":\"" + author.value() + "\",\"organizationId\":\"fast\",\"deploymentId\":\"dep\","
                + "\"permission\":\"deployment.deploy\"}");
        APIGatewayV2HTTPResponse answer = lambda.handler().handleRequest(event(e), new MockLambdaContext());
        assertEquals(200, answer.getStatusCode(), answer.getBody());
        assertTrue(answer.getBody().startsWith("{\"valid\":true,\"code\":\"VALID\",\"token\":{"), answer.getBody());
        assertFalse(answer.getBody().contains(author.value()), "validate must never echo the value");
    }

    /** The table missing: the use case's backend failure, with the router's status, headers and body. */
    @Test
    void backendFailuresAnswerAsTheRouter() {
        try (LambdaHarness broken = LambdaHarness.start(ValidateFunctionHandler::new, Map.of("latchkey.table-name", "no-such-table"))) {
            HttpEvent e = validate("{\"token\":\"" + author.value() + "\"}");
            assertAnswer("missing table", broken.handler().handleRequest(event(e), new MockLambdaContext()));
        }
    }

    @Test
    void snapStartPrimingReachesTheFastPath() {
        var context = lambda.handler().getApplicationContext();
        new io.micronaut.crac.test.DefaultCheckpointSimulator(
                List.copyOf(context.getBeansOfType(io.micronaut.crac.OrderedResource.class))).runBeforeCheckpoint();
        assertEquals(200, context.getBean(ValidateRoutePriming.class).primedStatus());
        assertEquals(400, context.getBean(ValidateRoutePriming.class).primedRefusalStatus(), "the serde-bound priming question");
    }

    private static HttpEvent validate(String json) {
        return HttpEvent.request("POST", "/v1/validate").json(json);
    }

    private static APIGatewayV2HTTPEvent event(HttpEvent e) {
        return EVENTS.fromJson(e.toJson());
    }

    private static void assertAnswer(String name, APIGatewayV2HTTPResponse answer) {
        Answer expected = ROUTER_ANSWERS.get(name);
        assertEquals(expected.status(), answer.getStatusCode(), name + ": " + answer.getBody());
        assertEquals(expected.headers(), headers(answer).toString(), name);
        assertFalse(answer.getIsBase64Encoded(), name);
        assertEquals(expected.body(), normalized(answer.getBody()), name);
        assertFalse(answer.getBody().contains(author.value()), name + ": validate must never echo the value");
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
