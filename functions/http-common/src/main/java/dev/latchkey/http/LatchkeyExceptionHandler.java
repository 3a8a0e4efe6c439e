package dev.latchkey.http;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.ops.EmbeddedMetrics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Domain failures to HTTP. Backend failures are logged, one line each with their cause, and the cause's stack trace at
 * most once a minute (see {@link TraceBudget}), and counted ({@link EmbeddedMetrics#backendError}); client mistakes
 * are not worth a log line.
 */
@Singleton
@Produces
@Requires(classes = {LatchkeyException.class, ExceptionHandler.class})
public class LatchkeyExceptionHandler implements ExceptionHandler<LatchkeyException, HttpResponse<ErrorBody>> {

    private static final Logger LOG = LoggerFactory.getLogger(LatchkeyExceptionHandler.class);

    private final TraceBudget traces = new TraceBudget(TimeUnit.MINUTES.toNanos(1));
    private final EmbeddedMetrics metrics;

    public LatchkeyExceptionHandler(EmbeddedMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, LatchkeyException e) {
        logIfBackend(request.getMethod().name(), request.getPath(), RequestIds.of(request), e);
        return ErrorResponses.of(request, e);
    }

    /**
     * The log line of a backend failure (nothing for a client's mistake), for this handler and for handlers that
     * answer without the HTTP router; they share this bean, so its trace budget is per container.
     */
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
