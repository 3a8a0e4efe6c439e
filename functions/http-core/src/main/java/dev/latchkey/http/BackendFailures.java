package dev.latchkey.http;

import dev.latchkey.error.LatchkeyException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The log line of a backend failure (nothing for a client's mistake): one line each with its cause, and the cause's
 * stack trace at most once a minute (see {@link TraceBudget}). One bean per context, so the budget is per container,
 * shared by the router's exception handler and by handlers that answer without the router.
 */
@Singleton
public class BackendFailures {

    // The name operators already search for: these lines were the router's exception handler's before.
    private static final Logger LOG = LoggerFactory.getLogger("dev.latchkey.http.LatchkeyExceptionHandler");

    private final TraceBudget traces = new TraceBudget(TimeUnit.MINUTES.toNanos(1));

    public void logIfBackend(String method, String path, String requestId, LatchkeyException e) {
        if (e.kind() == LatchkeyException.Kind.BACKEND_UNAVAILABLE || e.kind() == LatchkeyException.Kind.BACKEND_FAILED) {
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
