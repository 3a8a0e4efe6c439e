package dev.latchkey.functions.validate;

import dev.latchkey.http.ContentType;
import io.micronaut.http.MediaType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The validate zip judges a request's {@code Content-Type} with http-core's {@link ContentType}, the router (and the
 * answers ValidateFunctionHandlerTest recorded from it) with Micronaut's {@link MediaType}: on every value below both
 * must agree on whether the route consumes the body as JSON and whether the body is checked as JSON.
 */
class ContentTypeEquivalenceTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "application/json", "application/JSON", "APPLICATION/JSON", "Application/Json", "applıcation/json",
            "application/json; charset=UTF-8", "application/json;charset=utf-8", "application/json ;charset=utf-8",
            "application/json; charset=\"utf-8\"", "application/json; charset=ISO-8859-1",
            "  application/json  ", "\tapplication/json\r\n", "application/ json", "application /json",
            "*/*", "*/*; q=0.1", "application/*", "*/json", "*/JSON", "text/*", "*/plain",
            "text/plain", "text/json", "text/plain; charset=utf-8", "application/xml", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "application/jsonx", "application/x-json", "application/json-seq",
            "application/problem+json", "application/problem+JSON", "application/vnd.api+json; charset=utf-8",
            "application/json-patch+json", "application/merge-patch+json", "text/vnd.x+json", "+json", "/+json",
            "application", "application/", "/json", "/", "", " ", ";", "garbage", "json",
            "application/json/extra", "a/b/c+json", "application//json", "application/json/",
            "application/json;", "application/json;;", "application/json; charset", "application/json; =x",
            "application/json; q=0.5", "application/json; q=1e3", "application/json; q=-1", "application/json; q = 0.5 ",
            "application/json;q=abc", "application/json; q=", "application/json; Q=abc", "application/json; q=\"1\"",
            "application/json; q=\"x\"", "application/json; q=\"\\\"1\\\"\"", "application/json; q=\"1\\\"",
            "application/json; foo;q=x", "application/json; q=0.5; q=bad", "application/json;\u2003q=bad",
            "application/json; charset=\"utf-8;q=bad\"", "application/json; charset=\"utf-8\"; q=bad",
            "application/json; q=\"1\"x", "text/plain; q=bad", "garbage; q=1", "application/json\u0000",
            "application/json ; q=0", "application/json; q =bad", "application/json;q\t=1", "application/json;q=.5",
            "application/json;q=5.", "application/json;q=+1",
    })
    void readsAsTheRouter(String header) {
        MediaType router = router(header);
        ContentType type = ContentType.of(header);
        boolean consumable = router.matches(MediaType.APPLICATION_JSON_TYPE);
        assertEquals(consumable, type.consumableAsJson(), "consumable as JSON: " + header);
        assertEquals(consumable || router.getSubtype().endsWith("+json"), type.checkedAsJson(), "checked as JSON: " + header);
        assertEquals(router.getType() + "/" + router.getSubtype(), type.type() + "/" + type.subtype(), header);
    }

    /** How validate's route read the header when it had the router's types: an unreadable value consumes nothing. */
    private static MediaType router(String header) {
        try {
            return MediaType.of(header);
        } catch (RuntimeException e) {
            return MediaType.of("application/x-unreadable");
        }
    }
}
