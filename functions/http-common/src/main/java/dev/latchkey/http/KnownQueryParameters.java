package dev.latchkey.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.MethodBasedRouteInfo;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A query parameter the matched route does not read is a 400 naming the ones it does, on every route: an ignored
 * {@code ?dryrun=true} (for {@code dryRun}) would otherwise really delete. The accepted names are the route method's
 * {@code @QueryValue} parameters, read from its argument metadata, so a new parameter needs no list kept by hand, plus
 * the repeated keys it names with {@link RepeatedQueryValues}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class KnownQueryParameters {

    private final Map<RouteInfo<?>, Set<String>> accepted = new ConcurrentHashMap<>();

    @RequestFilter
    @Nullable
    public HttpResponse<ErrorBody> check(HttpRequest<?> request) {
        Set<String> given = request.getParameters().names();
        if (given.isEmpty()) {
            return null;
        }
        RouteInfo<?> route = RouteAttributes.getRouteInfo(request).orElse(null);
        if (route == null) {
            // No route matched: the answer is a 404 or 405 anyway.
            return null;
        }
        Set<String> known = accepted.computeIfAbsent(route, KnownQueryParameters::queryValues);
        for (String name : new TreeSet<>(given)) {
            if (!known.contains(name)) {
                String accepts = known.isEmpty() ? "this route accepts no query parameters"
                        : "this route accepts " + String.join(", ", known);
                String message = "Unknown query parameter " + name + ": " + accepts;
                return ErrorResponses.of(request, HttpStatus.BAD_REQUEST, message,
                        List.of(new ErrorBody.FieldErrorView(name, "UNKNOWN_QUERY_PARAMETER", message)));
            }
        }
        return null;
    }

    private static Set<String> queryValues(RouteInfo<?> route) {
        Set<String> names = new TreeSet<>();
        if (route instanceof MethodBasedRouteInfo<?, ?> method) {
            names.addAll(List.of(method.getTargetMethod().stringValues(RepeatedQueryValues.class)));
            for (Argument<?> argument : method.getTargetMethod().getArguments()) {
                if (argument.getAnnotationMetadata().hasAnnotation(QueryValue.class)) {
                    names.add(argument.getAnnotationMetadata().stringValue(QueryValue.class).filter(n -> !n.isEmpty())
                            .orElse(argument.getName()));
                }
            }
        }
        return java.util.Collections.unmodifiableSet(names);
    }
}
