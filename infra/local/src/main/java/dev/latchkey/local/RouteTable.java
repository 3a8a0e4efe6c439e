package dev.latchkey.local;

import dev.latchkey.local.template.SamTemplate;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HttpApi's routes, {@code METHOD /path/{param}} as the template declares them, matched as API Gateway matches
 * them: the most specific route wins (a literal segment before a {@code {param}}, a {@code {param}} before a greedy
 * {@code {param+}}), and a request no route matches is API Gateway's 404.
 */
final class RouteTable {

    /** A matched route and its path parameters (decoded, as API Gateway passes them). */
    record Match(SamTemplate.Route route, Map<String, String> pathParameters) {
    }

    private record Compiled(SamTemplate.Route route, String[] segments) {
    }

    private final List<Compiled> routes = new ArrayList<>();

    RouteTable(List<SamTemplate.Route> declared) {
        for (SamTemplate.Route r : declared) {
            routes.add(new Compiled(r, r.path().substring(1).split("/", -1)));
        }
        routes.sort(Comparator.comparing(Compiled::segments, RouteTable::specificity));
    }

    /** Every route key, {@code METHOD /path}, in matching order. */
    List<String> keys() {
        return routes.stream().map(c -> c.route().key()).toList();
    }

    Match match(String method, String rawPath) {
        if (!rawPath.startsWith("/")) {
            return null;
        }
        String[] parts = rawPath.substring(1).split("/", -1);
        for (Compiled c : routes) {
            if (!c.route().method().equals(method) && !c.route().method().equals("ANY")) {
                continue;
            }
            Map<String, String> params = match(c.segments(), parts);
            if (params != null) {
                return new Match(c.route(), params);
            }
        }
        return null;
    }

    private static Map<String, String> match(String[] pattern, String[] parts) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            boolean variable = p.startsWith("{") && p.endsWith("}");
            if (variable && p.endsWith("+}")) {
                // A greedy variable takes one or more segments, or the empty rest of a path that ends with its slash
                // (/console/ is GET /console/{path+} with path ""), as HTTP APIs match it; an empty segment in the
                // middle (/console//x) matches nothing.
                boolean emptyRest = i == parts.length - 1 && parts[i].isEmpty();
                if (i >= parts.length || (parts[i].isEmpty() && !emptyRest)) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 2), decode(String.join("/", List.of(parts).subList(i, parts.length))));
                return params;
            }
            if (i >= parts.length) {
                return null;
            }
            if (variable) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), decode(parts[i]));
            } else if (!p.equals(parts[i])) {
                return null;
            }
        }
        return pattern.length == parts.length ? params : null;
    }

    private static String decode(String segment) {
        // '+' is a literal plus in a path, not a space as in a query string.
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static int specificity(String[] a, String[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = Integer.compare(rank(a[i]), rank(b[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(b.length, a.length);
    }

    private static int rank(String segment) {
        if (segment.startsWith("{") && segment.endsWith("+}")) {
            return 2;
        }
        return segment.startsWith("{") ? 1 : 0;
    }
}
