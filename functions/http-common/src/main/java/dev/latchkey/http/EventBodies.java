package dev.latchkey.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The text of a request body for a route whose body is optional, and so cannot be a {@code @Body} parameter (the
 * Lambda proxy refuses to bind an empty body to one, even a nullable one). In Lambda it is read from the payload-2.0
 * event itself: the proxy's own body reader only looks when the event carries a positive {@code content-length},
 * which API Gateway does not always pass.
 */
public final class EventBodies {

    private EventBodies() {
    }

    /** The body as text (a base64 event body decoded as UTF-8), or empty when the request has none; 400 for bad base64. */
    public static Optional<String> text(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) {
            String body = event.getBody();
            if (body == null || body.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(event.getIsBase64Encoded()
                    ? new String(JsonBodies.eventBytes(body, true), StandardCharsets.UTF_8) : body);
        }
        return request.getContentLength() > 0 ? request.getBody(String.class) : Optional.empty();
    }
}
