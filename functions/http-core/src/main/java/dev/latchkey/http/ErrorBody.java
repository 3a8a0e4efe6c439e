package dev.latchkey.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.error.FieldError;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The one error shape of docs/design.md §8, for every 4xx and 5xx any function answers. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(int statusCode, String message, String requestId, List<FieldErrorView> fieldErrors) {

    /** One field's problem; {@code field} is the JSON path or parameter name. */
    @Serdeable
    public record FieldErrorView(String field, String code, String message) {
        static FieldErrorView of(FieldError e) {
            return new FieldErrorView(e.field(), e.code(), Redaction.redact(e.message()));
        }
    }
}
