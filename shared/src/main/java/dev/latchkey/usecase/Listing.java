package dev.latchkey.usecase;

import dev.latchkey.error.LatchkeyException;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The paging and sorting rules of Astro's list endpoints, for lists Latchkey filters in memory: {@code offset}
 * (default 0), {@code limit} (default {@value TokenQueries#DEFAULT_LIMIT}, 0 allowed: an empty page that still counts)
 * and {@code sorts} entries {@code field:asc} or {@code field:desc}.
 */
final class Listing {

    private Listing() {
    }

    /** The page asked for, checked. */
    record Window(int offset, int limit) {
    }

    static Window window(Integer offset, Integer limit) {
        int from = offset == null ? 0 : offset;
        int size = limit == null ? TokenQueries.DEFAULT_LIMIT : limit;
        if (from < 0 || from > TokenQueries.MAX_OFFSET) {
            throw LatchkeyException.invalid("offset", "OUT_OF_RANGE", "offset must be between 0 and " + TokenQueries.MAX_OFFSET);
        }
        if (size < 0 || size > TokenQueries.MAX_LIMIT) {
            throw LatchkeyException.invalid("limit", "OUT_OF_RANGE", "limit must be between 0 and " + TokenQueries.MAX_LIMIT);
        }
        return new Window(from, size);
    }

    /** The order {@code sorts} asks for, each key in turn, then {@code tieBreak} so that pages never overlap. */
    static <T> Comparator<T> order(Map<String, Comparator<T>> keys, List<String> sorts, Comparator<T> tieBreak) {
        Comparator<T> order = null;
        if (sorts != null) {
            if (sorts.size() > keys.size()) {
                throw LatchkeyException.invalid("sorts", "TOO_MANY", "At most " + keys.size() + " sort keys");
            }
            for (String sort : sorts) {
                int colon = sort.indexOf(':');
                Comparator<T> key = colon < 0 ? null : keys.get(sort.substring(0, colon));
                String direction = colon < 0 ? "" : sort.substring(colon + 1);
                if (key == null || !(direction.equalsIgnoreCase("asc") || direction.equalsIgnoreCase("desc"))) {
                    throw LatchkeyException.invalid("sorts", "INVALID_SORT", "Each sort is field:asc or field:desc with field one of "
                            + String.join(", ", keys.keySet().stream().sorted().toList()));
                }
                Comparator<T> directed = direction.equalsIgnoreCase("desc") ? key.reversed() : key;
                order = order == null ? directed : order.thenComparing(directed);
            }
        }
        return order == null ? tieBreak : order.thenComparing(tieBreak);
    }

    /** The window of {@code sorted}, with the count of all of it. */
    static <T> Page<T> page(List<T> sorted, Window window) {
        int from = Math.min(window.offset(), sorted.size());
        List<T> items = sorted.subList(from, Math.min(sorted.size(), from + window.limit()));
        return new Page<>(List.copyOf(items), sorted.size(), window.offset(), window.limit());
    }
}
