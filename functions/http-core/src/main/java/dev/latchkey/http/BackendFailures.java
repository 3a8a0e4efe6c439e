package dev.latchkey.http;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.ops.EmbeddedMetrics;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The log line and metric of a backend failure (nothing for a client's mistake): one line each with its cause, the
 * cause's stack trace at most once a minute (see {@link TraceBudget}), and {@link EmbeddedMetrics#backendError}. One bean per context, so the budget is per container,
 * shared by the router's exception handler and by handlers that answer without the router.
 */
@Singleton
public class BackendFailures {

    // The name operators already search for: these lines were the router's exception handler's before.
    private static final Logger LOG = LoggerFactory.getLogger("dev.latchkey.http.LatchkeyExceptionHandler");

    private final TraceBudget traces = new TraceBudget(TimeUnit.MINUTES.toNanos(1));
    private final EmbeddedMetrics metrics;

    public BackendFailures(EmbeddedMetrics metrics) {
        this.metrics = metrics;
    }

    public void logIfBackend(String method, String path, String requestId, LatchkeyException e) {
        if (e.kind() == LatchkeyException.Kind.BACKEND_UNAVAILABLE || e.kind() == LatchkeyException.Kind.BACKEND_FAILED) {
            metrics.backendError(e.kind() == LatchkeyException.Kind.BACKEND_UNAVAILABLE ? 503 : 502);
            Throwable cause = e.getCause();
            if (cause != null && traces.take(System.nanoTime())) {
                LOG.warn("{} {} failed on the backend [requestId={}]: {}", method, LogText.of(path),
                        requestId, LogText.of(e.getMessage()), cause);
            } else {
                LOG.warn("{} {} failed on the backend [requestId={}]: {} (cause: {})", method, LogText.of(path),
                        requestId, LogText.of(e.getMessage()),
                        cause == null ? "none" : LogText.of(cause.getClass().getName() + ": " + cause.getMessage()));
            }
        }
    }
}
