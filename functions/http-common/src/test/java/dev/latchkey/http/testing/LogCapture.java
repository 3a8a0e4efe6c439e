package dev.latchkey.http.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.latchkey.http.ops.LambdaJsonEncoder;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything logged while it is open, rendered one event per line as the functions' stdout appender renders it
 * ({@code LEVEL logger - message}), or as it renders them in Lambda ({@link #lambdaJson}), so a test sees the lines a
 * log reader would see.
 */
public final class LogCapture implements AutoCloseable {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    private final ch.qos.logback.classic.Logger root;
    private final ch.qos.logback.classic.Logger requests;
    private final Level requestsLevel;

    private LogCapture(Encoder<ILoggingEvent> encoder) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        encoder.setContext(context);
        encoder.start();
        // The request lines are INFO, as Lambda logs them; the tests' configuration logs warnings only.
        requests = context.getLogger("dev.latchkey.request");
        requestsLevel = requests.getLevel();
        requests.setLevel(Level.INFO);
        appender.setContext(context);
        appender.setName("capture");
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
    }

    public static LogCapture start() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern("%level %logger{36} - %msg%n");
        return new LogCapture(encoder);
    }

    /** The lines as a Lambda function writes them: one JSON object each. */
    public static LogCapture lambdaJson() {
        return new LogCapture(new LambdaJsonEncoder());
    }

    /** The captured output split at every line break a log reader would honour (CR and LF alike). */
    public List<String> lines() {
        synchronized (out) {
            return List.of(out.toString(StandardCharsets.UTF_8).split("\r\n|\r|\n"));
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        requests.setLevel(requestsLevel);
    }
}
