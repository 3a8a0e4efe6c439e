package dev.latchkey.http.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What is written to {@code System.out} while it is open, where the functions' metrics go (Embedded Metric Format
 * lines, which CloudWatch Logs reads from the function's output). The log appender bound stdout when it started, so
 * log lines are not caught here.
 */
public final class StdoutCapture implements AutoCloseable {

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private StdoutCapture() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    public static StdoutCapture start() {
        return new StdoutCapture();
    }

    /** The lines that are Embedded Metric Format documents. */
    public List<String> metricLines() {
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{\"_aws\":")).toList();
    }

    @Override
    public void close() {
        System.setOut(original);
    }
}
