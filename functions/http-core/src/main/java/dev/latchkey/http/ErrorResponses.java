package dev.latchkey.http;

import dev.latchkey.error.LatchkeyException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;

/** Builds error responses: the status for each domain failure kind and the body every error carries. */
public final class ErrorResponses {

    /** What a 500 says: nothing of its cause, which goes to the log. */
    public static final String INTERNAL_ERROR_MESSAGE = "Internal error; quote the requestId when reporting it";

    private ErrorResponses() {
    }

    public static HttpStatus status(LatchkeyException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PAYLOAD_TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case BACKEND_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case BACKEND_FAILED -> HttpStatus.BAD_GATEWAY;
        };
    }

    public static MutableHttpResponse<ErrorBody> of(HttpRequest<?> request, LatchkeyException e) {
        return of(RequestIds.of(request), e);
    }

    /** As {@link #of(HttpRequest, LatchkeyException)}, for a handler that answers without an {@link HttpRequest}. */
    public static MutableHttpResponse<ErrorBody> of(String requestId, LatchkeyException e) {
        MutableHttpResponse<ErrorBody> response = of(requestId, status(e.kind()), e.getMessage(),
                e.fieldErrors().stream().map(ErrorBody.FieldErrorView::of).toList());
        if (e.kind() == LatchkeyException.Kind.UNAUTHENTICATED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (e.kind() == LatchkeyException.Kind.BACKEND_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response;
    }

    public static MutableHttpResponse<ErrorBody> of(HttpRequest<?> request, HttpStatus status, String message,
                                                    List<ErrorBody.FieldErrorView> fieldErrors) {
        return of(RequestIds.of(request), status, message, fieldErrors);
    }

    public static MutableHttpResponse<ErrorBody> of(String requestId, HttpStatus status, String message,
                                                    List<ErrorBody.FieldErrorView> fieldErrors) {
        return HttpResponse.<ErrorBody>status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ErrorBody(status.getCode(), Redaction.redact(message), requestId, fieldErrors));
    }
}
