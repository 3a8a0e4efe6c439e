package dev.latchkey.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real HTTP to a started runner, as the owner token it printed unless told otherwise. */
record RunnerClient(int port, String ownerValue) {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static RunnerClient of(LocalRunner.Running runner) {
        return new RunnerClient(runner.port(), runner.ownerToken().value());
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        return callAs(ownerValue, method, path, body);
    }

    /** {@code bearer} null sends no Authorization header. */
    HttpResponse<String> callAs(String bearer, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The validate code of a value, asked through POST /v1/validate. */
    String validateCode(String value) throws Exception {
        return field(call("POST", "/v1/validate", "{\"token\":\"" + value + "\"}").body(), "code");
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), name + " missing");
        return m.group(1);
    }

    /** The body for an assertion message, unless it is a success that may carry a token value. */
    static String describe(HttpResponse<String> response) {
        return response.statusCode() >= 400 ? response.body()
                : "status " + response.statusCode() + " (body withheld: it may carry a token value)";
    }

    /** API Gateway's own answer (no route, authorizer refusal), not a function's error body. */
    static boolean isGatewayMessage(HttpResponse<String> response, String message) {
        return response.body().startsWith("{\"message\":\"" + message);
    }
}
