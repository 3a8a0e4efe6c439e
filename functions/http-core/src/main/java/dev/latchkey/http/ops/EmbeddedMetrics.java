package dev.latchkey.http.ops;

import dev.latchkey.http.LambdaLogging;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudWatch metrics in Embedded Metric Format: one JSON line on stdout per event, which CloudWatch Logs turns into
 * metrics as it ingests the function's log, so no metric costs an API call or a network round trip. Written in Lambda
 * only (see {@link LambdaLogging#inLambda}) unless {@code latchkey.metrics.enabled} says otherwise; locally the lines
 * would be noise. Dimensions are fixed, low-cardinality values (codes, routes, statuses); ids ride along as plain
 * properties, for Logs Insights, never as dimensions; never a token value.
 */
@Singleton
public class EmbeddedMetrics {

    public static final String VALIDATE_OUTCOME = "ValidateOutcome";
    public static final String OPERATIONS = "Operations";
    public static final String BACKEND_ERRORS = "BackendErrors";

    private final boolean enabled;
    private final String namespace;

    public EmbeddedMetrics(@Value("${latchkey.metrics.enabled:}") String enabled,
                           @Value("${latchkey.metrics.namespace:Latchkey}") String namespace) {
        this.enabled = enabled.isBlank() ? LambdaLogging.inLambda() : Boolean.parseBoolean(enabled.strip());
        this.namespace = namespace;
    }

    /** A validate answer (or an authorizer decision, {@code source} "authorizer") by its code. */
    public void validateOutcome(String source, String code) {
        write(Map.of("Source", source, "Code", code), Map.of(VALIDATE_OUTCOME, 1));
    }

    /** A request through the HTTP router, by its route ("POST /v1/…/{tokenId}/rotate") and status. */
    public void operation(String route, int status) {
        write(Map.of("Operation", route, "Status", Integer.toString(status)), Map.of(OPERATIONS, 1));
    }

    /** A 502 or 503: the table or Secrets Manager failed. No dimension, so one alarm covers every function. */
    public void backendError(int status) {
        Map<String, Number> metric = Map.of(BACKEND_ERRORS, 1);
        write(Map.of(), metric, "status", Integer.toString(status));
    }

    /** One scheduled rotation sweep's counts. */
    public void rotationSweep(int due, int rotated, int failed, int skipped) {
        Map<String, Number> counts = new LinkedHashMap<>();
        counts.put("RotationsDue", due);
        counts.put("Rotated", rotated);
        counts.put("RotationsFailed", failed);
        counts.put("RotationsSkipped", skipped);
        write(Map.of(), counts);
    }

    private void write(Map<String, String> dimensions, Map<String, Number> metrics, String... properties) {
        if (!enabled) {
            return;
        }
        StringBuilder out = new StringBuilder(320);
        out.append("{\"_aws\":{\"Timestamp\":").append(System.currentTimeMillis())
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        Json.string(out, namespace).append(",\"Dimensions\":[[");
        boolean first = true;
        for (String name : dimensions.keySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            Json.string(out, name);
        }
        out.append("]],\"Metrics\":[");
        first = true;
        for (String name : metrics.keySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"Name\":");
            Json.string(out, name).append(",\"Unit\":\"Count\"}");
        }
        out.append("]}]}");
        dimensions.forEach((name, value) -> Json.field(out, name, value));
        metrics.forEach((name, value) -> {
            out.append(',');
            Json.string(out, name).append(':').append(value);
        });
        for (int i = 0; i + 1 < properties.length; i += 2) {
            Json.field(out, properties[i], properties[i + 1]);
        }
        // Ids as properties, so a metric's line can be found in Logs Insights beside the request's other lines.
        property(out, "requestId", MDC.get(LogFields.LAMBDA_REQUEST_ID));
        property(out, "functionName", MDC.get(LogFields.FUNCTION_NAME));
        property(out, LogFields.API_REQUEST_ID, MDC.get(LogFields.API_REQUEST_ID));
        out.append('}');
        // Read at each write: Lambda's stdout frames one write per line; tests replace System.out to read the lines.
        PrintStream stdout = System.out;
        stdout.println(out);
    }

    private static void property(StringBuilder out, String name, String value) {
        if (value != null) {
            Json.field(out, name, value);
        }
    }
}
