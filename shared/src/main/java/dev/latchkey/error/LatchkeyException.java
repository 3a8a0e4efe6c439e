package dev.latchkey.error;

import java.util.List;

/**
 * Every failure the domain reports to a client. The {@link Kind} decides the HTTP status at the edge; the message is
 * safe to show (it never holds a token value).
 */
public class LatchkeyException extends RuntimeException {

    /** What went wrong, in the terms of docs/design.md §8. */
    public enum Kind {
        INVALID_INPUT, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, PAYLOAD_TOO_LARGE, BACKEND_UNAVAILABLE, BACKEND_FAILED
    }

    private final Kind kind;
    private final List<FieldError> fieldErrors;

    public LatchkeyException(Kind kind, String message) {
        this(kind, message, List.of(), null);
    }

    public LatchkeyException(Kind kind, String message, List<FieldError> fieldErrors, Throwable cause) {
        super(message, cause, false, cause != null);
        this.kind = kind;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public static LatchkeyException invalid(String field, String code, String message) {
        return new LatchkeyException(Kind.INVALID_INPUT, message, List.of(new FieldError(field, code, message)), null);
    }

    public static LatchkeyException invalid(List<FieldError> errors) {
        String message = errors.size() == 1 ? errors.get(0).message() : "The request has " + errors.size() + " invalid fields";
        return new LatchkeyException(Kind.INVALID_INPUT, message, errors, null);
    }

    public static LatchkeyException unauthenticated(String message) {
        return new LatchkeyException(Kind.UNAUTHENTICATED, message);
    }

    public static LatchkeyException forbidden(String message) {
        return new LatchkeyException(Kind.FORBIDDEN, message);
    }

    public static LatchkeyException notFound(String message) {
        return new LatchkeyException(Kind.NOT_FOUND, message);
    }

    public static LatchkeyException conflict(String message) {
        return new LatchkeyException(Kind.CONFLICT, message);
    }
}
