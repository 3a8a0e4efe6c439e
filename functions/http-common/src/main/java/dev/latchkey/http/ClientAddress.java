package dev.latchkey.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

/**
 * The client address API Gateway saw ({@code requestContext.http.sourceIp} of the payload-2.0 event), which a token's
 * {@code allowedCidrs} are checked against. Never a header: {@code X-Forwarded-For} is whatever the client wrote.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /** The address, or null when the request did not come as a payload-2.0 event with one (fail closed for bound tokens). */
    public static String of(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            return event.getRequestContext().getHttp().getSourceIp();
        }
        return null;
    }
}
