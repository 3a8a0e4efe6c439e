package dev.latchkey.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.local.template.SamTemplate;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * API Gateway's HTTP API, locally: the template's routes, each request turned into the payload-2.0 event API Gateway
 * would send, the route's Lambda authorizer asked first where the template names one, the function's answer written
 * back as API Gateway writes it. Its own answers (no route, authorizer refusals, a function that failed) are API
 * Gateway's: {@code {"message": "..."}}.
 */
final class ApiGateway {

    static final String API_ID = "local";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A function the gateway can invoke: event JSON in, the function's answer JSON out. */
    interface Invocable {
        String invoke(String eventJson);
    }

    /** One HTTP request as the server read it. */
    record Request(String method, String uri, List<Map.Entry<String, String>> headers, byte[] body, String sourceIp,
                   String protocol) {
    }

    /** One HTTP response to write. */
    record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    }

    private final SamTemplate template;
    private final RouteTable routes;
    private final Map<String, ? extends Invocable> functions;

    ApiGateway(SamTemplate template, Map<String, ? extends Invocable> functions) {
        this.template = template;
        this.routes = new RouteTable(template.routes());
        this.functions = functions;
    }

    RouteTable routes() {
        return routes;
    }

    static String newRequestId() {
        byte[] id = new byte[10];
        ThreadLocalRandom.current().nextBytes(id);
        return Base64.getEncoder().encodeToString(id);
    }

    /** API Gateway's own answer, with its request id header. */
    static Response message(int status, String message, String requestId) {
        ObjectNode body = JSON.createObjectNode().put("message", message);
        return new Response(status, List.of(Map.entry("content-type", "application/json"),
                Map.entry("apigw-requestid", requestId)), body.toString().getBytes(StandardCharsets.UTF_8));
    }

    Response handle(Request request) {
        String requestId = newRequestId();
        int q = request.uri().indexOf('?');
        String rawPath = q < 0 ? request.uri() : request.uri().substring(0, q);
        String rawQuery = q < 0 ? "" : request.uri().substring(q + 1);
        RouteTable.Match match;
        ObjectNode event;
        try {
            match = routes.match(request.method(), rawPath);
            if (match == null) {
                return message(404, "Not Found", requestId);
            }
            event = event(request, match, rawPath, rawQuery, requestId);
        } catch (IllegalArgumentException e) {
            return message(400, "Bad Request", requestId);   // a malformed %-escape in the path or query
        }
        SamTemplate.Route route = match.route();
        if (route.authorizer() != null) {
            Response refused = authorize(route, event, requestId);
            if (refused != null) {
                return refused;
            }
        }
        SamTemplate.Function target = template.functions().get(route.functionId());
        Invocable function = functions.get(route.functionId());
        if (function == null) {
            return message(501, route.functionId() + " is a " + target.runtime() + " function, not one of Latchkey's Java "
                    + "functions: the local runner does not run it (in AWS, " + route.key() + " reaches it)", requestId);
        }
        String answer;
        try {
            answer = function.invoke(event.toString());
        } catch (RuntimeException | Error e) {
            System.err.println(route.functionId() + " failed on request " + requestId + ": " + e);
            return message(500, "Internal Server Error", requestId);
        }
        return response(answer, requestId);
    }

    /**
     * API Gateway's Lambda authorizer, payload 2.0: a missing identity source is 401 without asking the function; the
     * function's simple answer lets the request through with its context, or makes it 403; a failure is 500.
     */
    private Response authorize(SamTemplate.Route route, ObjectNode event, String requestId) {
        SamTemplate.Authorizer authorizer = template.authorizers().get(route.authorizer());
        if (authorizer == null) {
            return message(500, "Internal Server Error", requestId);
        }
        ArrayNode identity = JSON.createArrayNode();
        for (String header : authorizer.identityHeaders()) {
            JsonNode value = event.path("headers").get(header.toLowerCase(Locale.ROOT));
            if (value == null || value.asText().isEmpty()) {
                return message(401, "Unauthorized", requestId);
            }
            identity.add(value.asText());
        }
        for (String context : authorizer.identityContext()) {
            switch (context) {
                case "path" -> identity.add(event.path("requestContext").path("http").path("path").asText());
                case "identity.sourceIp" -> identity.add(event.path("requestContext").path("http").path("sourceIp").asText());
                case "requestId" -> identity.add(requestId);
                default -> {
                    return message(500, "Internal Server Error", requestId);
                }
            }
        }
        ObjectNode ask = event.deepCopy();
        ask.remove(List.of("body", "isBase64Encoded"));
        ask.put("type", "REQUEST");
        ask.put("routeArn", "arn:aws:execute-api:" + LocalRunner.REGION + ":" + LocalRunner.ACCOUNT_ID + ":" + API_ID
                + "/$default/" + route.method() + route.path());
        ask.set("identitySource", identity);
        Invocable function = functions.get(authorizer.functionId());
        JsonNode answer;
        try {
            answer = JSON.readTree(function.invoke(ask.toString()));
        } catch (RuntimeException | Error | IOException e) {
            System.err.println(authorizer.functionId() + " (authorizer) failed on request " + requestId + ": " + e);
            return message(500, "Internal Server Error", requestId);
        }
        if (!authorizer.simpleResponses() || !answer.path("isAuthorized").asBoolean(false)) {
            return message(403, "Forbidden", requestId);
        }
        ObjectNode lambda = answer.get("context") instanceof ObjectNode c ? c : JSON.createObjectNode();
        ((ObjectNode) event.get("requestContext")).putObject("authorizer").set("lambda", lambda);
        return null;
    }

    private static ObjectNode event(Request request, RouteTable.Match match, String rawPath, String rawQuery, String requestId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", match.route().key());
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery);
        // Header names lower-cased, repeats joined with commas; cookies go to their own list, as API Gateway does.
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String cookie : h.getValue().split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.strip());
                    }
                }
            } else {
                headers.merge(name, h.getValue(), (a, b) -> a + "," + b);
            }
        }
        headers.putIfAbsent("x-forwarded-for", request.sourceIp());
        headers.putIfAbsent("x-forwarded-proto", "http");
        if (!cookies.isEmpty()) {
            ArrayNode list = event.putArray("cookies");
            cookies.forEach(list::add);
        }
        ObjectNode h = event.putObject("headers");
        headers.forEach(h::put);
        if (!rawQuery.isEmpty()) {
            Map<String, String> params = new LinkedHashMap<>();
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                params.merge(key, value, (a, b) -> a + "," + b);
            }
            ObjectNode q = event.putObject("queryStringParameters");
            params.forEach(q::put);
        }
        Instant now = Instant.now();
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", LocalRunner.ACCOUNT_ID);
        context.put("apiId", API_ID);
        String host = headers.getOrDefault("host", "127.0.0.1");
        context.put("domainName", host);
        context.put("domainPrefix", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", rawPath);
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", requestId);
        context.put("routeKey", match.route().key());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (!match.pathParameters().isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            match.pathParameters().forEach(p::put);
        }
        byte[] body = request.body();
        if (body.length > 0) {
            String text = isText(headers.get("content-type")) ? utf8(body) : null;
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Text media types go as they are; anything else (or text that is not UTF-8) is base64, as API Gateway sends it. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded");
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The function's answer as API Gateway reads a payload-2.0 response: {@code statusCode}, {@code headers},
     * {@code multiValueHeaders}, {@code cookies} (one Set-Cookie each), {@code body} (base64-decoded when flagged); an
     * answer without {@code statusCode} is a 200 with the answer as its JSON body.
     */
    private static Response response(String answer, String requestId) {
        JsonNode out;
        try {
            out = JSON.readTree(answer);
        } catch (IOException e) {
            return message(502, "Internal Server Error", requestId);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("apigw-requestid", requestId));
        if (out == null || !out.isObject() || !out.has("statusCode")) {
            headers.add(Map.entry("content-type", "application/json"));
            return new Response(200, headers, answer.getBytes(StandardCharsets.UTF_8));
        }
        out.path("headers").fields().forEachRemaining(e -> headers.add(Map.entry(e.getKey(), e.getValue().asText())));
        out.path("multiValueHeaders").fields().forEachRemaining(e -> e.getValue().forEach(v -> {
            if (headers.stream().noneMatch(x -> x.getKey().equalsIgnoreCase(e.getKey()) && x.getValue().equals(v.asText()))) {
                headers.add(Map.entry(e.getKey(), v.asText()));
            }
        }));
        out.path("cookies").forEach(c -> headers.add(Map.entry("set-cookie", c.asText())));
        JsonNode bodyNode = out.get("body");
        byte[] body = bodyNode == null || bodyNode.isNull() ? new byte[0]
                : out.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(bodyNode.asText())
                : bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        return new Response(out.path("statusCode").asInt(500), headers, body);
    }
}
