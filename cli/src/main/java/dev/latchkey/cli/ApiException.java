package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** An error answer of the API: its status and, when the body is the API's error body, that body. */
final class ApiException extends RuntimeException {
    final int status;
    /** {@code {statusCode, message, requestId, fieldErrors?}}, or null when the body was not the API's. */
    final JsonNode body;

    ApiException(int status, JsonNode body) {
        super("HTTP " + status);
        this.status = status;
        this.body = body;
    }

    int exitCode() {
        return ExitCodes.forStatus(status);
    }

    /** The lines for standard error: the message, each field error, the request id. */
    String describe() {
        StringBuilder out = new StringBuilder("error: ");
        String message = body == null ? null : Json.text(body, "message");
        out.append(message == null ? "the API answered HTTP " + status : message).append(" (HTTP ").append(status).append(')');
        if (body != null && body.path("fieldErrors").isArray()) {
            for (JsonNode f : body.path("fieldErrors")) {
                out.append("\n  ").append(Json.text(f, "field")).append(": ").append(Json.text(f, "code"))
                        .append(": ").append(Json.text(f, "message"));
            }
        }
        String requestId = body == null ? null : Json.text(body, "requestId");
        if (requestId != null) {
            out.append("\n  requestId: ").append(requestId);
        }
        return out.toString();
    }
}
