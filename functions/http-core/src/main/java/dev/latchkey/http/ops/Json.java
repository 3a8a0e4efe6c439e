package dev.latchkey.http.ops;

/**
 * The JSON string escaping of the log encoder and the metric writer: both write a handful of known fields per line, so
 * a few lines of string building cost less than a JSON library's generator (docs/benchmarks.md, "Logs and metrics").
 */
final class Json {

    private Json() {
    }

    static StringBuilder string(StringBuilder out, String value) {
        return dev.latchkey.store.events.JsonStrings.append(out, value);
    }

    static StringBuilder field(StringBuilder out, String name, String value) {
        out.append(',');
        string(out, name).append(':');
        return string(out, value);
    }
}
