package dev.latchkey.error;

/** One problem with one input field: {@code field} is the JSON path as the client sent it. */
public record FieldError(String field, String code, String message) {
}
