package dev.latchkey.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/**
 * Every request body, before anything parses it: at most {@value #MAX_BODY_BYTES} bytes, counted on the body itself
 * (a chunked request, or a Lambda event, need not say its length; a base64 event body counts decoded), and JSON that
 * every parser reads the same way: no key twice in an object, nothing after the top-level value. Jackson would keep
 * one copy of a duplicate key and stop reading after the first value, where Python or JavaScript keep the last copy.
 *
 * <p>Other syntax errors are left to the route's own parser, which names the problem.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestBodyChecks {

    public static final long MAX_BODY_BYTES = JsonBodies.MAX_BODY_BYTES;

    @RequestFilter
    @Nullable
    public HttpResponse<ErrorBody> check(HttpRequest<?> request, @Nullable @Body byte[] body) {
        long length = Math.max(request.getContentLength(), body == null ? 0 : body.length);
        if (length > MAX_BODY_BYTES) {
            return ErrorResponses.of(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, JsonBodies.TOO_LARGE_MESSAGE, List.of());
        }
        if (body == null || body.length == 0 || !isJson(request)) {
            return null;
        }
        ErrorBody.FieldErrorView ambiguity = ambiguity(body);
        return ambiguity == null ? null
                : ErrorResponses.of(request, HttpStatus.BAD_REQUEST, "Invalid body: " + ambiguity.message(), List.of(ambiguity));
    }

    private static boolean isJson(HttpRequest<?> request) {
        return request.getContentType().map(t -> new ContentType(t.getType(), t.getSubtype()).checkedAsJson()).orElse(false);
    }

    /** As {@link JsonBodies#ambiguity}. */
    public static ErrorBody.FieldErrorView ambiguity(byte[] json) {
        return JsonBodies.ambiguity(json);
    }
}
