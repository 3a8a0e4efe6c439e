package dev.latchkey.http.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.latchkey.http.Redaction;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per log event, in the shape of Lambda's own JSON application logs ({@code timestamp}, {@code level},
 * {@code message}, {@code logger}, {@code requestId}; an exception as {@code errorType}, {@code errorMessage},
 * {@code stackTrace}), so Lambda's JSON log format passes the line through as it is and CloudWatch Logs Insights
 * discovers every field. Added: {@code functionName} and the {@link RequestLog} fields. Only those named MDC keys are
 * written, never the whole MDC, so nothing put there by a library can reach the log by accident.
 */
public final class LambdaJsonEncoder extends EncoderBase<ILoggingEvent> {

    private static final byte[] NOTHING = new byte[0];
    private static final int MAX_FRAMES = 30;

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return line(event).getBytes(StandardCharsets.UTF_8);
    }

    static String line(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"timestamp\":");
        Json.string(out, Instant.ofEpochMilli(event.getTimeStamp()).toString());
        Json.field(out, "level", event.getLevel().toString());
        Json.field(out, "message", event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
        Json.field(out, "logger", event.getLoggerName());
        Map<String, String> mdc = event.getMDCPropertyMap();
        optional(out, "requestId", mdc.get(LogFields.LAMBDA_REQUEST_ID));
        optional(out, "functionName", mdc.get(LogFields.FUNCTION_NAME));
        for (String field : LogFields.REQUEST) {
            optional(out, field, mdc.get(field));
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            Json.field(out, "errorType", error.getClassName());
            // Exception messages may quote client input (framework conversion errors do).
            Json.field(out, "errorMessage", String.valueOf(Redaction.redact(error.getMessage())));
            out.append(",\"stackTrace\":[");
            StackTraceElementProxy[] frames = error.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Json.string(out, frames[i].getStackTraceElement().toString());
            }
            out.append(']');
        }
        return out.append("}\n").toString();
    }

    private static void optional(StringBuilder out, String name, String value) {
        if (value != null) {
            Json.field(out, name, value);
        }
    }
}
