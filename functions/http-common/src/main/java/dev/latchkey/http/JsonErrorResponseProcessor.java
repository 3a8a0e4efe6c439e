package dev.latchkey.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Gives the framework's own errors (malformed JSON, failed conversions and bean validation, unknown routes, wrong
 * method or media type, oversized bodies) the same body as the domain's, always as JSON. Paths quoted in log lines
 * go through {@link LogText}.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class JsonErrorResponseProcessor implements ErrorResponseProcessor<ErrorBody> {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorResponseProcessor.class);

    @Override
    public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        HttpStatus status = base.getStatus();
        List<ErrorBody.FieldErrorView> fieldErrors = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new ErrorBody.FieldErrorView(fieldName(e.getPath().get()), code(status), tidy(e.getMessage())))
                .toList();
        String message = message(context, status);
        if (status.getCode() >= 500) {
            LOG.error("{} {} failed [requestId={}]", context.getRequest().getMethod(), LogText.of(context.getRequest().getPath()),
                    RequestIds.of(context.getRequest()), context.getRootCause().orElse(null));
            message = ErrorAnswer.INTERNAL_ERROR_MESSAGE;
        }
        ErrorBody body = ErrorAnswer.body(RequestIds.of(context.getRequest()), status.getCode(), message, fieldErrors);
        return base.contentType(MediaType.APPLICATION_JSON_TYPE).body(body);
    }

    private static String message(ErrorContext context, HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "No such route: " + context.getRequest().getMethod() + " " + context.getRequest().getPath();
            case METHOD_NOT_ALLOWED -> "Method " + context.getRequest().getMethod() + " is not allowed on " + context.getRequest().getPath();
            case UNSUPPORTED_MEDIA_TYPE -> "Content-Type must be application/json";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is too large";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request headers are too large";
            case REQUEST_URI_TOO_LONG -> "The request URL is too long";
            default -> context.getErrors().stream().findFirst().map(Error::getMessage).map(JsonErrorResponseProcessor::tidy)
                    .orElse(status.getReason());
        };
    }

    /**
     * Framework conversion messages quote the rejected value and the parser's location; keep the reason only
     * ("Invalid body: Expected a JSON string for name").
     */
    static String tidy(String message) {
        if (message == null) {
            return null;
        }
        String reason = SOURCE_LOCATION.matcher(message).replaceAll("");
        var conversion = CONVERSION.matcher(reason);
        if (conversion.matches()) {
            reason = "Invalid " + conversion.group(1) + ": " + conversion.group(2).strip();
        }
        return Redaction.redact(reason.strip());
    }

    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\s*at \\[Source:.*$", Pattern.DOTALL);
    private static final Pattern CONVERSION = Pattern.compile("Failed to convert argument \\[([^\\]]*)\\] for value \\[.*?\\] due to: (.*)", Pattern.DOTALL);

    /** Bean validation paths look like {@code create.body.name}; clients know the field as {@code name}. */
    private static String fieldName(String path) {
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        int body = path.indexOf(".body.");
        if (body >= 0) {
            return path.substring(body + ".body.".length());
        }
        int dot = path.lastIndexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }

    private static String code(HttpStatus status) {
        return status == HttpStatus.BAD_REQUEST ? "INVALID" : status.name();
    }
}
