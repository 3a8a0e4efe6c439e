package dev.latchkey.http;

import java.math.BigDecimal;

/**
 * The type and subtype of a {@code Content-Type} header, read as the router reads it (Micronaut's
 * {@code MediaType.of}) for a handler without the router: the value trimmed, parameters after the first {@code ;},
 * the name split at its first {@code /}. A value the router could not read (no {@code /}, or a {@code q} parameter
 * that is not a number) is {@link #UNREADABLE}, which no route consumes. validate's {@code ContentTypeEquivalenceTest}
 * holds this to {@code MediaType} on a corpus of values.
 */
public record ContentType(String type, String subtype) {

    /** What an unreadable value counts as: a type that is neither JSON nor consumable as it. */
    public static final ContentType UNREADABLE = new ContentType("application", "x-unreadable");

    /** The header's type and subtype, or {@link #UNREADABLE}. */
    public static ContentType of(String header) {
        String name = header.trim();
        int semicolon = name.indexOf(';');
        if (semicolon >= 0) {
            if (!readableParameters(name, semicolon)) {
                return UNREADABLE;
            }
            name = name.substring(0, semicolon).trim();
        }
        int slash = name.indexOf('/');
        if (slash < 0) {
            return UNREADABLE;
        }
        return new ContentType(name.substring(0, slash), name.substring(slash + 1));
    }

    /** What a route consuming {@code application/json} accepts: this type matches it, wildcards included. */
    public boolean consumableAsJson() {
        return ("*".equals(type) || "application".equalsIgnoreCase(type))
                && ("*".equals(subtype) || "json".equalsIgnoreCase(subtype));
    }

    /** Whether a body of this type is checked as JSON: {@code application/json} or any {@code +json} type. */
    public boolean checkedAsJson() {
        return consumableAsJson() || subtype.endsWith("+json");
    }

    /**
     * Whether the router's parameter reader accepts {@code value}'s parameters (those after the {@code ;} at
     * {@code semicolon}). It reads {@code name=value} pairs, a value either up to the next {@code ;} or quoted (with
     * backslash escapes), and fails on a {@code q} whose value is not a number; nothing else fails.
     */
    private static boolean readableParameters(String value, int semicolon) {
        int at = semicolon + 1;
        while (at < value.length()) {
            int equals = value.indexOf('=', at);
            if (equals < 0) {
                return true;
            }
            while (at < value.length() && Character.isWhitespace(value.charAt(at))) {
                at++;
            }
            String attribute = value.substring(at, equals);
            int end = equals + 1;
            String parameter;
            if (end < value.length() && value.charAt(end) == '"') {
                StringBuilder unquoted = new StringBuilder();
                boolean quoted = false;
                while (end < value.length()) {
                    char c = value.charAt(end++);
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (!quoted && c == ';') {
                        end--;
                        break;
                    } else if (quoted && c == '\\' && end < value.length()) {
                        unquoted.append(value.charAt(end++));
                    } else {
                        unquoted.append(c);
                    }
                }
                parameter = unquoted.toString();
            } else {
                end = value.indexOf(';', end);
                if (end < 0) {
                    end = value.length();
                }
                parameter = value.substring(equals + 1, end);
            }
            if ("q".equals(attribute.trim()) && !isNumber(unquote(parameter.trim()))) {
                return false;
            }
            at = end + 1;
        }
        return true;
    }

    /** A value still in quotes after the reader's own unquoting loses one more pair (with its escapes). */
    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder unquoted = new StringBuilder(value.length() - 2);
        boolean escaped = false;
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (escaped) {
                unquoted.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else {
                unquoted.append(c);
            }
        }
        if (escaped) {
            unquoted.append('\\');
        }
        return unquoted.toString();
    }

    /** The router reads a quality as a {@link BigDecimal}. */
    private static boolean isNumber(String quality) {
        try {
            new BigDecimal(quality);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
