package dev.latchkey.functions.validate;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.BackendFailures;
import dev.latchkey.http.ContentType;
import dev.latchkey.http.ErrorAnswer;
import dev.latchkey.http.ErrorBody;
import dev.latchkey.http.JsonBodies;
import dev.latchkey.http.PrimingTarget;
import dev.latchkey.http.StatusCodes;
import dev.latchkey.http.ops.EmbeddedMetrics;
import dev.latchkey.http.ops.RequestLog;
import dev.latchkey.http.view.ValidateResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.context.BeanProvider;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request of the validate function, straight from the payload-2.0 event: the function has no HTTP router, so
 * this answers what the router answered, in the order it judged (docs/benchmarks.md, "Validate fast path"):
 * <ol>
 *   <li>on the route ({@code POST /v1/validate}, trailing slash allowed, a JSON or absent content type): any query
 *   parameter is a 400 naming the first (the route reads none);</li>
 *   <li>a body over {@link JsonBodies#MAX_BODY_BYTES} (counted decoded, or as declared) is a 413, and a JSON body
 *   with a duplicate key or trailing content a 400 ({@link JsonBodies#ambiguity}), on any route;</li>
 *   <li>another path is a 404, another method a 405 with {@code Allow: POST}, another content type a 415;</li>
 *   <li>no body, a body that does not bind to a {@link ValidateRequest} or a JSON null is a 400 with the binder's
 *   message;</li>
 *   <li>then {@link ValidateController}'s own checks and the use case.</li>
 * </ol>
 * Nothing is read or written before the question is whole. Error answers come from {@link ErrorAnswer}, backend
 * failures are logged by {@link BackendFailures}, as on the router path of the other functions. Each answer gets the
 * request line the other functions' {@code RequestLogFilter} writes ({@link RequestLog}, with the code and token id),
 * and each validate answer an {@link EmbeddedMetrics#validateOutcome} count. The content type is judged by
 * {@link ContentType}, which reads it as the router did; no HTTP library is needed.
 */
@Singleton
public class ValidateRoute implements PrimingTarget {

    static final String METHOD = "POST";
    static final String PATH = "/v1/validate";
    static final String ROUTE = METHOD + " " + PATH;

    private static final Logger LOG = LoggerFactory.getLogger(ValidateRoute.class);
    private static final Argument<ValidateRequest> REQUEST = Argument.of(ValidateRequest.class);
    /** The binder's parser location, which quotes the input: the router's error processor drops it too. */
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\s*at \\[Source:.*$", Pattern.DOTALL);
    private static final String UNDECODABLE = "Unable to decode request body: ";
    private static final String NO_BODY = "Required Body [body] not specified";
    private static final String CONTENT_TYPE = "Content-Type";
    private static final String CONTENT_LENGTH = "Content-Length";
    private static final String ALLOW = "Allow";
    private static final String APPLICATION_JSON = "application/json";

    private final ValidateController controller;
    /** serde, built on first use: plain questions and their answers never need it ({@link PlainJson}). */
    private final BeanProvider<JsonMapper> json;
    private final BackendFailures failures;
    private final EmbeddedMetrics metrics;

    /**
     * {@code jsonPriming} comes first on purpose: Micronaut resolves constructor arguments in order, and the
     * controller's chain ends in the DynamoDB client, which on a cold start may wait for the SDK preload; priming the
     * JSON first puts that work into the wait ({@link ValidateJsonPriming}).
     */
    public ValidateRoute(ValidateJsonPriming jsonPriming, ValidateController controller, BeanProvider<JsonMapper> json,
                         BackendFailures failures, EmbeddedMetrics metrics) {
        this.controller = controller;
        this.json = json;
        this.failures = failures;
        this.metrics = metrics;
    }

    /** The answer to any event the function receives. */
    @Override
    public APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event) {
        long started = System.nanoTime();
        String requestId = requestId(event);
        RequestLog.begin(requestId, ROUTE, null);
        APIGatewayV2HTTPResponse answer = null;
        try {
            answer = answer(event, requestId);
            return answer;
        } finally {
            RequestLog.end(answer == null ? 500 : answer.getStatusCode(), started);
        }
    }

    private APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event, String requestId) {
        String method = method(event);
        String path = event.getRawPath() == null ? "/" : event.getRawPath();
        try {
            ErrorAnswer refused = refusal(event, requestId, method, path);
            if (refused != null) {
                return respond(refused);
            }
            byte[] body = body(event);
            if (body == null || body.length == 0) {
                return respond(ErrorAnswer.of(requestId, StatusCodes.BAD_REQUEST, UNDECODABLE + "Empty body", List.of()));
            }
            ValidateRequest request = PlainJson.question(body);
            try {
                if (request == null) {
                    request = json.get().readValue(body, REQUEST);
                }
            } catch (IOException | RuntimeException e) {
                String message = SOURCE_LOCATION.matcher(UNDECODABLE + "Error decoding JSON stream for type [body]: "
                        + e.getMessage()).replaceAll("").strip();
                return respond(ErrorAnswer.of(requestId, StatusCodes.BAD_REQUEST, message, List.of()));
            }
            if (request == null) {
                return respond(ErrorAnswer.of(requestId, StatusCodes.BAD_REQUEST, NO_BODY,
                        List.of(new ErrorBody.FieldErrorView("body", "INVALID", NO_BODY))));
            }
            ValidateResponse response = controller.validate(request, requestId);
            RequestLog.outcome(response.token() == null ? null : response.token().id(), response.code());
            metrics.validateOutcome("validate", response.code());
            return respond(StatusCodes.OK, new LinkedHashMap<>(), PlainJson.answer(response));
        } catch (LatchkeyException e) {
            failures.logIfBackend(method, path, requestId, e);
            return respond(ErrorAnswer.of(requestId, e));
        } catch (RuntimeException e) {
            LOG.error("{} {} failed [requestId={}]", method, dev.latchkey.http.LogText.of(path), requestId, e);
            return respond(ErrorAnswer.of(requestId, StatusCodes.INTERNAL_SERVER_ERROR,
                    ErrorAnswer.INTERNAL_ERROR_MESSAGE, List.of()));
        }
    }

    /** Steps 1-3 of the class comment: the refusal, or null when the body is to be bound. */
    @Nullable
    private static ErrorAnswer refusal(APIGatewayV2HTTPEvent event, String requestId, String method, String path) {
        boolean onPath = PATH.equals(path) || (PATH + "/").equals(path);
        String contentType = header(event, CONTENT_TYPE);
        ContentType type = contentType == null ? null : ContentType.of(contentType);
        boolean consumable = type == null || type.consumableAsJson();
        if (onPath && METHOD.equals(method) && consumable) {
            String unknown = firstQueryParameter(event);
            if (unknown != null) {
                String message = "Unknown query parameter " + unknown + ": this route accepts no query parameters";
                return ErrorAnswer.of(requestId, StatusCodes.BAD_REQUEST, message,
                        List.of(new ErrorBody.FieldErrorView(unknown, "UNKNOWN_QUERY_PARAMETER", message)));
            }
        }
        byte[] body = body(event);
        long length = Math.max(declaredLength(header(event, CONTENT_LENGTH)), body == null ? 0 : body.length);
        if (length > JsonBodies.MAX_BODY_BYTES) {
            return ErrorAnswer.of(requestId, StatusCodes.PAYLOAD_TOO_LARGE, JsonBodies.TOO_LARGE_MESSAGE, List.of());
        }
        if (body != null && body.length > 0 && type != null && type.checkedAsJson()) {
            ErrorBody.FieldErrorView ambiguity = JsonBodies.ambiguity(body);
            if (ambiguity != null) {
                return ErrorAnswer.of(requestId, StatusCodes.BAD_REQUEST, "Invalid body: " + ambiguity.message(), List.of(ambiguity));
            }
        }
        if (!onPath) {
            return ErrorAnswer.of(requestId, StatusCodes.NOT_FOUND, "No such route: " + method + " " + path, List.of());
        }
        if (!METHOD.equals(method)) {
            return ErrorAnswer.of(requestId, StatusCodes.METHOD_NOT_ALLOWED,
                    "Method " + method + " is not allowed on " + path, List.of()).withHeader(ALLOW, METHOD);
        }
        if (!consumable) {
            return ErrorAnswer.of(requestId, StatusCodes.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", List.of());
        }
        return null;
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        String method = context == null || context.getHttp() == null ? null : context.getHttp().getMethod();
        return method == null ? "GET" : method;
    }

    /** The event body as bytes: base64 decoded, or the text in UTF-8 (what API Gateway decoded it from). */
    @Nullable
    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return null;
        }
        return JsonBodies.eventBytes(body, event.getIsBase64Encoded());
    }

    /** The first query parameter name in sorted order (as the router named it), or null. */
    @Nullable
    private static String firstQueryParameter(APIGatewayV2HTTPEvent event) {
        TreeSet<String> names = new TreeSet<>();
        if (event.getQueryStringParameters() != null) {
            names.addAll(event.getQueryStringParameters().keySet());
        }
        String raw = event.getRawQueryString();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names.isEmpty() ? null : names.first();
    }

    /** As the router reads {@code Content-Length}: a value that is not a number counts as none. */
    private static long declaredLength(@Nullable String declared) {
        if (declared == null) {
            return -1;
        }
        try {
            return Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Nullable
    private static String header(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        // API Gateway lower-cases header names; a hand-made event need not.
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey())) {
                return header.getValue();
            }
        }
        return null;
    }

    /** API Gateway's request id, so support can find the access log line (as http-common's {@code RequestIds}). */
    private static String requestId(APIGatewayV2HTTPEvent event) {
        String id = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        return id != null ? id : UUID.randomUUID().toString();
    }

    /**
     * An error answer as the router wrote it: its headers and the JSON content type in the router's order (names
     * sorted, case aside), then the length.
     */
    private APIGatewayV2HTTPResponse respond(ErrorAnswer error) {
        Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(error.headers());
        sorted.put(CONTENT_TYPE, APPLICATION_JSON);
        try {
            return respond(error.status(), new LinkedHashMap<>(sorted), json.get().writeValueAsBytes(error.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The router's encoding of a JSON answer: the text body, its type and its length in bytes. */
    private static APIGatewayV2HTTPResponse respond(int status, Map<String, String> headers, byte[] encoded) {
        headers.put(CONTENT_TYPE, APPLICATION_JSON);
        headers.put(CONTENT_LENGTH, Integer.toString(encoded.length));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(new String(encoded, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .build();
    }
}
