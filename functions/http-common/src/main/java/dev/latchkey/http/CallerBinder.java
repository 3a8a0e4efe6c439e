package dev.latchkey.http;

import dev.latchkey.usecase.Authenticator;
import dev.latchkey.usecase.Caller;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.PostponedRequestArgumentBinder;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * A controller argument of type {@link Caller} is the token that authenticated the request, tagged with the request's
 * id for the audit log; a missing or bad bearer token is the {@link Authenticator}'s 401, answered by
 * {@link LatchkeyExceptionHandler}. Bound after the filters (postponed), so a request they refuse (unknown query
 * parameter, oversized or ambiguous body) costs no table read and keeps its 4xx.
 */
@Singleton
public class CallerBinder implements TypedRequestArgumentBinder<Caller>, PostponedRequestArgumentBinder<Caller> {

    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    private final Authenticator authenticator;

    public CallerBinder(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> request) {
        Caller caller = authenticator.authenticate(request.getHeaders().get(HttpHeaders.AUTHORIZATION), RequestIds.of(request),
                ClientAddress.of(request));
        return () -> Optional.of(caller);
    }
}
