package dev.latchkey.http.ops;

import java.util.List;

/**
 * The MDC keys of a request's fields ({@link RequestLog}), apart from the class that logs them: the JSON encoder reads
 * this list for every event, and must not make logback initialise itself again by touching a class with a logger.
 */
final class LogFields {

    static final String LAMBDA_REQUEST_ID = "AWSRequestId";
    static final String FUNCTION_NAME = "AWSFunctionName";
    static final String API_REQUEST_ID = "apiRequestId";
    static final String ROUTE = "route";
    static final String TOKEN_ID = "tokenId";
    static final String CODE = "code";
    static final String STATUS = "status";
    static final String LATENCY_MS = "latencyMs";

    /** The request's fields, in the order the JSON encoder writes them. */
    static final List<String> REQUEST = List.of(API_REQUEST_ID, ROUTE, TOKEN_ID, CODE, STATUS, LATENCY_MS);

    private LogFields() {
    }
}
