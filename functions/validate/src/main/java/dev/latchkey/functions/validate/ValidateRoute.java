package dev.latchkey.functions.validate;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.ErrorBody;
import dev.latchkey.http.ErrorResponses;
import dev.latchkey.http.LatchkeyExceptionHandler;
import dev.latchkey.http.RequestBodyChecks;
import dev.latchkey.http.ops.EmbeddedMetrics;
import dev.latchkey.http.ops.RequestLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v1/validate} straight from the payload-2.0 event, without the HTTP router, filters and body binding
 * (the hot path's whole in-process cost beside its DynamoDB read). It answers only the requests the router would
 * pass to {@link ValidateController} unchanged: POST on exactly that path, no query string, a UTF-8
 * {@code application/json} text body within {@link RequestBodyChecks#MAX_BODY_BYTES} that
 * {@link RequestBodyChecks#ambiguity} accepts and that binds to a {@link ValidateRequest}. For every other event
 * {@link #answer} returns null and the caller hands it to the router, whose filters and error processor write the
 * 4xx; nothing has happened by then (no read, no write), so the second look changes nothing. The controller's own
 * checks and the use case run as on the router path, and their failures get the same {@link ErrorResponses} body and
 * the same log line ({@link LatchkeyExceptionHandler#logIfBackend}). Each answer gets the request line the router's
 * {@code RequestLogFilter} writes ({@link RequestLog}, with the code and token id) and a
 * {@link EmbeddedMetrics#validateOutcome} count.
 */
@Singleton
public class ValidateRoute {

    static final String METHOD = "POST";
    static final String PATH = "/v1/validate";
    /** As the router's request line names it. */
    static final String ROUTE = METHOD + " " + PATH;

    private static final Logger LOG = LoggerFactory.getLogger(ValidateRoute.class);
    private static final Argument<ValidateRequest> REQUEST = Argument.of(ValidateRequest.class);

    private final ValidateController controller;
    private final JsonMapper json;
    private final LatchkeyExceptionHandler failures;
    private final EmbeddedMetrics metrics;

    public ValidateRoute(ValidateController controller, JsonMapper json, LatchkeyExceptionHandler failures,
                         EmbeddedMetrics metrics) {
        this.controller = controller;
        this.json = json;
        this.failures = failures;
        this.metrics = metrics;
    }

    /** The answer to a plain validate request, or null for anything the router must see. */
    @Nullable
    public APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event) {
        ValidateRequest request = plainRequest(event);
        if (request == null) {
            return null;
        }
        long started = System.nanoTime();
        String requestId = requestId(event);
        RequestLog.begin(requestId, ROUTE, null);
        APIGatewayV2HTTPResponse answer = null;
        try {
            answer = validate(request, requestId);
            return answer;
        } finally {
            RequestLog.end(answer == null ? 500 : answer.getStatusCode(), started);
        }
    }

    private APIGatewayV2HTTPResponse validate(ValidateRequest request, String requestId) {
        try {
            ValidateResponse response = controller.validate(request);
            RequestLog.outcome(response.token() == null ? null : response.token().id(), response.code());
            metrics.validateOutcome("validate", response.code());
            return respond(200, new java.util.LinkedHashMap<>(), response);
        } catch (LatchkeyException e) {
            failures.logIfBackend(METHOD, PATH, requestId, e);
            return respond(ErrorResponses.of(requestId, e));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed [requestId={}]", METHOD, PATH, requestId, e);
            return respond(ErrorResponses.of(requestId, HttpStatus.INTERNAL_SERVER_ERROR,
                    ErrorResponses.INTERNAL_ERROR_MESSAGE, List.of()));
        }
    }

    @Nullable
    private ValidateRequest plainRequest(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context == null || context.getHttp() == null || !METHOD.equals(context.getHttp().getMethod())
                || !PATH.equals(event.getRawPath()) || event.getIsBase64Encoded() || event.getBody() == null
                || !isEmpty(event.getRawQueryString()) || !isEmpty(event.getQueryStringParameters())
                || !isUtf8Json(header(event, "content-type"))) {
            return null;
        }
        byte[] body = event.getBody().getBytes(StandardCharsets.UTF_8);
        String declared = header(event, "content-length");
        if (body.length == 0 || body.length > RequestBodyChecks.MAX_BODY_BYTES
                || (declared != null && !withinLimit(declared))
                || RequestBodyChecks.ambiguity(body) != null) {
            return null;
        }
        try {
            // A JSON null binds to no request at all: the router's "body required" answer.
            return json.readValue(body, REQUEST);
        } catch (IOException | RuntimeException e) {
            // Not a ValidateRequest: the router's binding names the problem.
            return null;
        }
    }

    /** As {@link RequestBodyChecks}, a declared length over the limit is refused whatever the body's own length. */
    private static boolean withinLimit(String declared) {
        try {
            return Long.parseLong(declared.strip()) <= RequestBodyChecks.MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** What {@code @Consumes(APPLICATION_JSON)} accepts, in the charset the event body's text is in. */
    private static boolean isUtf8Json(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.of(contentType);
            return type.matches(MediaType.APPLICATION_JSON_TYPE)
                    && type.getCharset().map(StandardCharsets.UTF_8::equals).orElse(true);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Nullable
    private static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        // API Gateway lower-cases header names; a hand-made event need not.
        String value = headers.get(name);
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey())) {
                return header.getValue();
            }
        }
        return null;
    }

    private static boolean isEmpty(@Nullable Object value) {
        return value == null || (value instanceof String s && s.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    /** As {@code RequestIds}: API Gateway's request id, so support can find the access log line. */
    private static String requestId(APIGatewayV2HTTPEvent event) {
        String id = event.getRequestContext().getRequestId();
        return id != null ? id : UUID.randomUUID().toString();
    }

    private APIGatewayV2HTTPResponse respond(MutableHttpResponse<ErrorBody> error) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        error.getHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return respond(error.code(), headers, error.body());
    }

    /** The router's encoding of a JSON answer: the text body, its type and its length in bytes. */
    private APIGatewayV2HTTPResponse respond(int status, Map<String, String> headers, Object body) {
        try {
            byte[] encoded = json.writeValueAsBytes(body);
            headers.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
            headers.put(HttpHeaders.CONTENT_LENGTH, Integer.toString(encoded.length));
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(status)
                    .withHeaders(headers)
                    .withBody(new String(encoded, StandardCharsets.UTF_8))
                    .withIsBase64Encoded(false)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
