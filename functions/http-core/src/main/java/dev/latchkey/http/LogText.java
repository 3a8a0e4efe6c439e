package dev.latchkey.http;

/**
 * Client-supplied text (paths, header or query values) as it may appear in a log line: control characters (CR, LF and
 * the rest of C0 and C1, DEL, the Unicode line and paragraph separators) are written as escapes, so a value cannot end
 * the line and start a forged one, and long values are cut, so a client cannot flood the log through one field.
 */
public final class LogText {

    static final int MAX_CHARS = 512;

    private LogText() {
    }

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        int end = Math.min(text.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                // Doubled so that an escape in the output always means a character that was escaped.
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > end) {
            out.append("...(").append(text.length() - end).append(" more characters)");
        }
        return out.toString();
    }
}
