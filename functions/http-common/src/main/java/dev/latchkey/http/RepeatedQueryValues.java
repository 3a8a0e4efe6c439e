package dev.latchkey.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Query parameters a route method reads with {@link RepeatedQueryValues.Read#all} rather than a {@code @QueryValue}
 * argument: a {@code List}-typed {@code @QueryValue} gets only the first value of a repeated key on the Lambda
 * (payload 2.0) request. Naming them here keeps {@link KnownQueryParameters} accepting them, next to the code that
 * reads them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RepeatedQueryValues {

    /** The parameter names. */
    String[] value();

    /** Reads a repeated key whole. */
    final class Read {
        private Read() {
        }

        /** Every value of {@code name}, in order, or null when the key is absent. */
        public static java.util.List<String> all(io.micronaut.http.HttpRequest<?> request, String name) {
            java.util.List<String> values = request.getParameters().getAll(name);
            return values.isEmpty() ? null : values;
        }
    }
}
