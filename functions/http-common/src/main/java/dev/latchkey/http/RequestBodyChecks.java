package dev.latchkey.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    public static final long MAX_BODY_BYTES = 64 * 1024;

    private static final JsonFactory JSON = new JsonFactory();

    @RequestFilter
    @Nullable
    public HttpResponse<ErrorBody> check(HttpRequest<?> request, @Nullable @Body byte[] body) {
        long length = Math.max(request.getContentLength(), body == null ? 0 : body.length);
        if (length > MAX_BODY_BYTES) {
            return ErrorResponses.of(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "The request body is larger than " + MAX_BODY_BYTES + " bytes", List.of());
        }
        if (body == null || body.length == 0 || !isJson(request)) {
            return null;
        }
        ErrorBody.FieldErrorView ambiguity = ambiguity(body);
        return ambiguity == null ? null
                : ErrorResponses.of(request, HttpStatus.BAD_REQUEST, "Invalid body: " + ambiguity.message(), List.of(ambiguity));
    }

    private static boolean isJson(HttpRequest<?> request) {
        return request.getContentType().map(t -> t.matches(MediaType.APPLICATION_JSON_TYPE) || t.getSubtype().endsWith("+json"))
                .orElse(false);
    }

    /**
     * The first duplicate key or trailing content in {@code json}, or null (also for JSON that does not parse). Public
     * for handlers that read a body without the HTTP router, which must refuse what this filter refuses.
     */
    public static ErrorBody.FieldErrorView ambiguity(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            // The keys seen so far in each open object; arrays hold a null so that the nesting stays aligned.
            Deque<Set<String>> open = new ArrayDeque<>();
            JsonToken token = parser.nextToken();
            while (token != null) {
                switch (token) {
                    case START_OBJECT -> open.push(new HashSet<>());
                    case START_ARRAY -> open.push(NO_KEYS);
                    case END_OBJECT, END_ARRAY -> open.pop();
                    case FIELD_NAME -> {
                        if (!open.peek().add(parser.currentName())) {
                            String path = parser.getParsingContext().pathAsPointer().toString().substring(1).replace('/', '.');
                            return new ErrorBody.FieldErrorView(path, "DUPLICATE_KEY", "the key " + path + " appears twice");
                        }
                    }
                    default -> {
                    }
                }
                if (open.isEmpty()) {
                    break;
                }
                token = parser.nextToken();
            }
            if (token == null) {
                return null;
            }
            return trailing(parser);
        } catch (IOException e) {
            return null;
        }
    }

    private static final Set<String> NO_KEYS = Set.of();

    private static ErrorBody.FieldErrorView trailing(JsonParser parser) {
        ErrorBody.FieldErrorView trailing = new ErrorBody.FieldErrorView("body", "TRAILING_CONTENT",
                "nothing may follow the top-level JSON value");
        try {
            return parser.nextToken() == null ? null : trailing;
        } catch (IOException e) {
            // Text that is not even a JSON token ("junk", a stray "]") after the value.
            return trailing;
        }
    }
}
