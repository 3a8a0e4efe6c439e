package dev.latchkey.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.latchkey.error.LatchkeyException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.servlet.http.ServletHttpRequest;

/**
 * A payload-2.0 event whose body is marked {@code isBase64Encoded} but is not base64 is a 400, before any filter or
 * route binds the body: the Lambda proxy decodes it while binding ({@link RequestBodyChecks} asks for it), and its
 * decoding error would otherwise be a 500.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class EventBodyEncoding implements Ordered {

    @Override
    public int getOrder() {
        // Right after the request log filter, so the refusal is logged and counted like any other answer.
        return HIGHEST_PRECEDENCE + 1;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<ErrorBody> check(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getIsBase64Encoded() && event.getBody() != null) {
            try {
                JsonBodies.eventBytes(event.getBody(), true);
            } catch (LatchkeyException e) {
                return ErrorResponses.of(request, e);
            }
        }
        return null;
    }
}
