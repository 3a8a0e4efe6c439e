package dev.latchkey.http;

import dev.latchkey.error.LatchkeyException;

import java.util.List;
import java.util.Map;

/**
 * An error answer as plain values: the status for each domain failure kind, the body every error carries and the
 * headers its kind adds. The one definition of them: http-common's {@code ErrorResponses} turns it into the router's
 * response, and a handler without the router (validate's) writes it out itself, so neither needs an HTTP library here.
 *
 * @param headers what the answer adds to its JSON content type, by header name (at most one, today)
 */
public record ErrorAnswer(int status, ErrorBody body, Map<String, String> headers) {

    /** What a 500 says: nothing of its cause, which goes to the log. */
    public static final String INTERNAL_ERROR_MESSAGE = "Internal error; quote the requestId when reporting it";

    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String RETRY_AFTER = "Retry-After";

    public ErrorAnswer {
        headers = Map.copyOf(headers);
    }

    public static int status(LatchkeyException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> StatusCodes.BAD_REQUEST;
            case UNAUTHENTICATED -> StatusCodes.UNAUTHORIZED;
            case FORBIDDEN -> StatusCodes.FORBIDDEN;
            case NOT_FOUND -> StatusCodes.NOT_FOUND;
            case CONFLICT -> StatusCodes.CONFLICT;
            case PAYLOAD_TOO_LARGE -> StatusCodes.PAYLOAD_TOO_LARGE;
            case BACKEND_UNAVAILABLE -> StatusCodes.SERVICE_UNAVAILABLE;
            case BACKEND_FAILED -> StatusCodes.BAD_GATEWAY;
        };
    }

    /** The answer to a domain failure: its kind's status, its message and field errors, and its kind's header. */
    public static ErrorAnswer of(String requestId, LatchkeyException e) {
        Map<String, String> headers = switch (e.kind()) {
            // A client told to authenticate learns the scheme; one told the backend is busy, when to come back.
            case UNAUTHENTICATED -> Map.of(WWW_AUTHENTICATE, "Bearer");
            case BACKEND_UNAVAILABLE -> Map.of(RETRY_AFTER, "1");
            default -> Map.of();
        };
        return new ErrorAnswer(status(e.kind()), body(requestId, status(e.kind()), e.getMessage(),
                e.fieldErrors().stream().map(ErrorBody.FieldErrorView::of).toList()), headers);
    }

    /** An answer of this status and message, with no header of its own. */
    public static ErrorAnswer of(String requestId, int status, String message, List<ErrorBody.FieldErrorView> fieldErrors) {
        return new ErrorAnswer(status, body(requestId, status, message, fieldErrors), Map.of());
    }

    /** This answer with one more header (a 405's {@code Allow}, say). */
    public ErrorAnswer withHeader(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new ErrorAnswer(status, body, more);
    }

    /** The body every error carries, its message redacted. */
    public static ErrorBody body(String requestId, int status, String message, List<ErrorBody.FieldErrorView> fieldErrors) {
        return new ErrorBody(status, Redaction.redact(message), requestId, fieldErrors);
    }
}
