package dev.latchkey.http.ops;

import dev.latchkey.http.LogText;
import dev.latchkey.http.Redaction;
import dev.latchkey.http.RequestIds;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteMatch;

/**
 * The one place every request through the HTTP router is logged ({@link RequestLog}) and counted
 * ({@link EmbeddedMetrics#operation}): outermost of the filters, so it also sees the answers other filters and the
 * exception handlers write. The route is the matched template ({@code POST /v1/organizations/{organizationId}/tokens}),
 * a fixed set fit for a metric dimension; an unmatched request is {@code METHOD unmatched}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestLogFilter implements Ordered {

    private static final String STARTED = "latchkey.startedNanos";

    private final EmbeddedMetrics metrics;

    public RequestLogFilter(EmbeddedMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    public void begin(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
        RequestLog.begin(RequestIds.of(request), route(request), tokenId(request));
    }

    @ResponseFilter
    public void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long started = request.getAttribute(STARTED, Long.class).orElseGet(System::nanoTime);
        metrics.operation(route(request), response.code());
        RequestLog.end(response.code(), started);
    }

    static String route(HttpRequest<?> request) {
        return request.getMethodName() + " " + RouteAttributes.getRouteMatch(request)
                .filter(UriRouteMatch.class::isInstance)
                .map(m -> ((UriRouteMatch<?, ?>) m).getRouteInfo().getUriMatchTemplate().toString())
                .orElse("unmatched");
    }

    /** The path's {tokenId}, as a client sent it: made safe for a log line, and redacted should it hold a value. */
    private static String tokenId(HttpRequest<?> request) {
        return RouteAttributes.getRouteMatch(request)
                .filter(UriRouteMatch.class::isInstance)
                .map(m -> ((UriRouteMatch<?, ?>) m).getVariableValues().get("tokenId"))
                .map(id -> Redaction.redact(LogText.of(id)))
                .orElse(null);
    }
}
