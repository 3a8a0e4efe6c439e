package dev.latchkey.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The rules every request body meets before anything parses it, for the router's filter ({@code RequestBodyChecks},
 * http-common) and for handlers that read the body themselves: at most {@value #MAX_BODY_BYTES} bytes, and JSON that
 * every parser reads the same way (no key twice in an object, nothing after the top-level value).
 */
public final class JsonBodies {

    public static final long MAX_BODY_BYTES = 64 * 1024;

    /** What a 413 says. */
    public static final String TOO_LARGE_MESSAGE = "The request body is larger than " + MAX_BODY_BYTES + " bytes";

    private static final JsonFactory JSON = new JsonFactory();

    private JsonBodies() {
    }

    /**
     * The bytes of an event body: base64-decoded when API Gateway marked it so, else the text in UTF-8. A body marked
     * base64 that is not base64 came so from the client (or a proxy of it): a 400 naming {@code body}, never a 500.
     */
    public static byte[] eventBytes(String body, boolean base64) {
        if (!base64) {
            return body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            return java.util.Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw dev.latchkey.error.LatchkeyException.invalid("body", "INVALID_BASE64",
                    "The request body is marked base64 (isBase64Encoded) but is not valid base64");
        }
    }

    /** The first duplicate key or trailing content in {@code json}, or null (also for JSON that does not parse). */
    public static ErrorBody.FieldErrorView ambiguity(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            // The keys seen so far in each open object; arrays hold a null so that the nesting stays aligned.
            Deque<Set<String>> open = new ArrayDeque<>();
            JsonToken token = parser.nextToken();
            while (token != null) {
                switch (token) {
                    case START_OBJECT -> open.push(new HashSet<>());
                    case START_ARRAY -> open.push(NO_KEYS);
                    case END_OBJECT, END_ARRAY -> open.pop();
                    case FIELD_NAME -> {
                        if (!open.peek().add(parser.currentName())) {
                            String path = parser.getParsingContext().pathAsPointer().toString().substring(1).replace('/', '.');
                            return new ErrorBody.FieldErrorView(path, "DUPLICATE_KEY", "the key " + path + " appears twice");
                        }
                    }
                    default -> {
                    }
                }
                if (open.isEmpty()) {
                    break;
                }
                token = parser.nextToken();
            }
            if (token == null) {
                return null;
            }
            return trailing(parser);
        } catch (IOException e) {
            return null;
        }
    }

    private static final Set<String> NO_KEYS = Set.of();

    private static ErrorBody.FieldErrorView trailing(JsonParser parser) {
        ErrorBody.FieldErrorView trailing = new ErrorBody.FieldErrorView("body", "TRAILING_CONTENT",
                "nothing may follow the top-level JSON value");
        try {
            return parser.nextToken() == null ? null : trailing;
        } catch (IOException e) {
            // Text that is not even a JSON token ("junk", a stray "]") after the value.
            return trailing;
        }
    }
}
