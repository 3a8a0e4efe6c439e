package dev.latchkey.http;

import dev.latchkey.usecase.Authenticator;
import dev.latchkey.usecase.Caller;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;

/** Authenticates the bearer token of the current request and tags the caller with the request's id (audit log). */
@Singleton
public class Callers {

    private final Authenticator authenticator;

    public Callers(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public Caller authenticate(String authorizationHeader) {
        String requestId = ServerRequestContext.currentRequest().map(RequestIds::of).orElse(null);
        return authenticator.authenticate(authorizationHeader, requestId);
    }
}
