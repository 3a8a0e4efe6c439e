package dev.latchkey.store.events;

/**
 * JSON string escaping for the few places that write a handful of known fields per line by hand (hygiene events, the
 * log encoder, the metric writer), where a JSON library's generator costs more than the line (docs/benchmarks.md,
 * "Logs and metrics").
 */
public final class JsonStrings {

    private JsonStrings() {
    }

    /** Appends {@code value} as a quoted JSON string. */
    public static StringBuilder append(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Control characters and the two Unicode line separators, which some readers take for line ends.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
