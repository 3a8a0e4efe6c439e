package dev.latchkey.http.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** What the handler gave back to API Gateway, with the body parsed when it is JSON. */
public record LambdaResponse(int status, Map<String, String> headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** Asserts the error body of docs/design.md §8: statusCode equal to the HTTP status, a message and a request id. */
    public JsonNode errorBody() {
        JsonNode b = json();
        if (b.path("statusCode").asInt() != status || b.path("message").asText().isEmpty() || b.path("requestId").asText().isEmpty()) {
            throw new AssertionError("not an error body for status " + status + ": " + body);
        }
        return b;
    }
}
