package dev.latchkey.local;

import dev.latchkey.http.ErrorBody;
import dev.latchkey.http.JsonErrorResponseProcessor;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;

/**
 * Netty's codec refuses a request line over {@code micronaut.server.netty.max-initial-line-length} or headers over
 * {@code max-header-size} before routing, and Micronaut answers both as 413, the status of an oversized body. The
 * decoder's cause tells them apart: 414 for the URL, 431 for the headers. Lambda never sees such a request (API Gateway
 * refuses it), so only the runner needs this.
 */
@Singleton
@Replaces(JsonErrorResponseProcessor.class)
public class OversizedRequestStatus extends JsonErrorResponseProcessor {

    @Override
    public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        if (base.getStatus() == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            HttpStatus precise = statusOf(context.getRequest());
            if (precise != null) {
                base.status(precise);
            }
        }
        return super.processResponse(context, base);
    }

    private static HttpStatus statusOf(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty && netty.getNativeRequest().decoderResult().isFailure()) {
            Throwable cause = netty.getNativeRequest().decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                return HttpStatus.REQUEST_URI_TOO_LONG;
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            }
        }
        return null;
    }
}
