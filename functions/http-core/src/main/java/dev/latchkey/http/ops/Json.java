package dev.latchkey.http.ops;

/**
 * The JSON string escaping of the log encoder and the metric writer: both write a handful of known fields per line, so
 * a few lines of string building cost less than a JSON library's generator (docs/benchmarks.md, "Logs and metrics").
 */
final class Json {

    private Json() {
    }

    static StringBuilder string(StringBuilder out, String value) {
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

    static StringBuilder field(StringBuilder out, String name, String value) {
        out.append(',');
        string(out, name).append(':');
        return string(out, value);
    }
}
