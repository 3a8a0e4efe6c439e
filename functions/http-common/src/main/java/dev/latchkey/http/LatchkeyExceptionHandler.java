package dev.latchkey.http;

import dev.latchkey.error.LatchkeyException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;


/**
 * Domain failures to HTTP. Backend failures are logged and counted by {@link BackendFailures}; client mistakes are
 * not worth a log line.
 */
@Singleton
@Produces
@Requires(classes = {LatchkeyException.class, ExceptionHandler.class})
public class LatchkeyExceptionHandler implements ExceptionHandler<LatchkeyException, HttpResponse<ErrorBody>> {

    private final BackendFailures failures;

    public LatchkeyExceptionHandler(BackendFailures failures) {
        this.failures = failures;
    }

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, LatchkeyException e) {
        failures.logIfBackend(request.getMethod().name(), request.getPath(), RequestIds.of(request), e);
        return ErrorResponses.of(request, e);
    }
}
