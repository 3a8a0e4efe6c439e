package dev.latchkey.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/**
 * Refuses bodies over 64 KiB with 413 before anything parses them. The Netty runner also enforces
 * {@code micronaut.server.max-request-size}; in Lambda this filter is the limit (API Gateway would pass 10 MB).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class BodySizeLimit {

    public static final long MAX_BODY_BYTES = 64 * 1024;

    @RequestFilter
    @Nullable
    public HttpResponse<ErrorBody> limit(HttpRequest<?> request) {
        if (request.getContentLength() > MAX_BODY_BYTES) {
            return ErrorResponses.of(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "The request body is larger than " + MAX_BODY_BYTES + " bytes", List.of());
        }
        return null;
    }
}
