package dev.latchkey.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RequestBodyChecksTest {

    static ErrorBody.FieldErrorView ambiguity(String json) {
        return RequestBodyChecks.ambiguity(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\":1,\"a\":2}|a|DUPLICATE_KEY",
            "{\"o\":{\"k\":1,\"k\":1}}|o.k|DUPLICATE_KEY",
            "{\"l\":[{\"k\":1},{\"k\":2,\"k\":3}]}|l.1.k|DUPLICATE_KEY",
            "{} junk|body|TRAILING_CONTENT",
            "{}{}|body|TRAILING_CONTENT",
            "{}]|body|TRAILING_CONTENT",
            "\"x\" 1|body|TRAILING_CONTENT",
            "null null|body|TRAILING_CONTENT"})
    void ambiguousJsonIsNamed(String json, String field, String code) {
        ErrorBody.FieldErrorView error = ambiguity(json);
        assertEquals(field, error.field(), json);
        assertEquals(code, error.code(), json);
    }

    /** Valid JSON, and JSON broken before its value ends (the route's parser reports those in its own words). */
    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"b\":{\"a\":2}}", "[{\"a\":1},{\"a\":1}]", "{} \n\t ", "\"x\"", "{bad", "{\"a\":", ""})
    void otherBodiesPass(String json) {
        assertNull(ambiguity(json), json);
    }
}
