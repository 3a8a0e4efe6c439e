package dev.latchkey.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.util.UUID;

/**
 * The id an error body and log lines quote: API Gateway's own request id in Lambda (so support can find the access
 * log line), a random UUID made per request elsewhere.
 */
public final class RequestIds {

    private static final String ATTRIBUTE = "latchkey.requestId";

    private RequestIds() {
    }

    public static String of(HttpRequest<?> request) {
        if (request == null) {
            return UUID.randomUUID().toString();
        }
        Object known = request.getAttribute(ATTRIBUTE).orElse(null);
        if (known instanceof String id) {
            return id;
        }
        String id = fromApiGateway(request);
        request.setAttribute(ATTRIBUTE, id);
        return id;
    }

    private static String fromApiGateway(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null
                && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return UUID.randomUUID().toString();
    }
}
