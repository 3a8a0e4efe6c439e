package dev.latchkey.http;

import java.util.regex.Pattern;

/**
 * Last line of defence for messages that quote client input (framework conversion errors do): anything shaped like a
 * token value is replaced before it reaches a response or a log.
 */
public final class Redaction {

    private static final Pattern TOKEN_LIKE = Pattern.compile("[a-z]{1,16}[owd]_[0-9A-Za-z]{16,}");
    private static final int MAX_MESSAGE = 500;

    private Redaction() {
    }

    public static String redact(String message) {
        if (message == null) {
            return null;
        }
        String clean = TOKEN_LIKE.matcher(message).replaceAll("<redacted>");
        return clean.length() > MAX_MESSAGE ? clean.substring(0, MAX_MESSAGE) + "..." : clean;
    }
}
