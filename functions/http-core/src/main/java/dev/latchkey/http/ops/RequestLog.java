package dev.latchkey.http.ops;

import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per HTTP request, at its end, with what a reader filters on: API Gateway's request id, the route, the token
 * id and validate code where known, the status and the latency. The fields travel in the MDC, so every other line
 * logged during the request carries the request id and route too; {@link LambdaJsonEncoder} writes them as JSON
 * fields in Lambda, the text pattern leaves them out locally. Never a token value: only ids and codes go in.
 */
public final class RequestLog {

    /** Lambda's own request id and function name, as Micronaut's handlers put them in the MDC on every invocation. */
    public static final String LAMBDA_REQUEST_ID = LogFields.LAMBDA_REQUEST_ID;
    public static final String FUNCTION_NAME = LogFields.FUNCTION_NAME;

    private static final String ROUTE = LogFields.ROUTE;
    private static final String TOKEN_ID = LogFields.TOKEN_ID;
    private static final String CODE = LogFields.CODE;
    private static final Logger LOG = LoggerFactory.getLogger("dev.latchkey.request");

    private RequestLog() {
    }

    /** A request starts: its fields so far; anything a previous request on this thread left is dropped. */
    public static void begin(String apiRequestId, String route, @Nullable String tokenId) {
        clear();
        MDC.put(LogFields.API_REQUEST_ID, apiRequestId);
        MDC.put(ROUTE, route);
        if (tokenId != null) {
            MDC.put(TOKEN_ID, tokenId);
        }
    }

    /** What became known on the way: a validate answer's token id (only for a genuine value) and code. */
    public static void outcome(@Nullable String tokenId, @Nullable String code) {
        if (tokenId != null) {
            MDC.put(TOKEN_ID, tokenId);
        }
        if (code != null) {
            MDC.put(CODE, code);
        }
    }

    /** The request's line, then its fields are cleared. */
    public static void end(int status, long startNanos) {
        long latencyMs = (System.nanoTime() - startNanos) / 1_000_000;
        MDC.put(LogFields.STATUS, Integer.toString(status));
        MDC.put(LogFields.LATENCY_MS, Long.toString(latencyMs));
        try {
            if (LOG.isInfoEnabled()) {
                String code = MDC.get(CODE);
                LOG.info("{} {}{} in {} ms", MDC.get(ROUTE), status, code == null ? "" : " " + code, latencyMs);
            }
        } finally {
            clear();
        }
    }

    private static void clear() {
        for (String field : LogFields.REQUEST) {
            MDC.remove(field);
        }
    }
}
