package dev.latchkey.http;

import java.util.Optional;

/**
 * The value of an {@code Authorization: Bearer <value>} header: the scheme is matched case-insensitively, the value is
 * what follows it, stripped. Anything else (no header, another scheme, an empty value) has no value.
 */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    /** Whether the header names the Bearer scheme at all (whatever follows it). */
    public static boolean isBearer(String header) {
        return header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    public static Optional<String> value(String header) {
        if (!isBearer(header)) {
            return Optional.empty();
        }
        String value = header.substring(SCHEME.length()).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
