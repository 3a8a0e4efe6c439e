package dev.latchkey.usecase;

import dev.latchkey.error.LatchkeyException;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The paging and sorting parameters Astro's list routes share ({@code offset}, {@code limit}, {@code sorts}). */
final class ListParams {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;
    static final int MAX_OFFSET = 1_000_000;

    private ListParams() {
    }

    static int offset(Integer offset) {
        int value = offset == null ? 0 : offset;
        if (value < 0 || value > MAX_OFFSET) {
            throw LatchkeyException.invalid("offset", "OUT_OF_RANGE", "offset must be between 0 and " + MAX_OFFSET);
        }
        return value;
    }

    static int limit(Integer limit) {
        int value = limit == null ? DEFAULT_LIMIT : limit;
        // Astro allows 0: an empty page that still says how many match.
        if (value < 0 || value > MAX_LIMIT) {
            throw LatchkeyException.invalid("limit", "OUT_OF_RANGE", "limit must be between 0 and " + MAX_LIMIT);
        }
        return value;
    }

    /** {@code field:asc|desc} keys in order, then {@code stable} so that pages never overlap. */
    static <T> Comparator<T> order(List<String> sorts, Map<String, Comparator<T>> keys, Comparator<T> stable) {
        Comparator<T> order = null;
        if (sorts != null) {
            if (sorts.size() > keys.size()) {
                throw LatchkeyException.invalid("sorts", "TOO_MANY", "At most " + keys.size() + " sort keys");
            }
            for (String sort : sorts) {
                String[] parts = sort.split(":", -1);
                Comparator<T> key = parts.length == 2 ? keys.get(parts[0]) : null;
                boolean valid = key != null && (parts[1].equalsIgnoreCase("asc") || parts[1].equalsIgnoreCase("desc"));
                if (!valid) {
                    throw LatchkeyException.invalid("sorts", "INVALID_SORT", "Each sort is field:asc or field:desc with field one of "
                            + String.join(", ", keys.keySet().stream().sorted().toList()));
                }
                Comparator<T> directed = parts[1].equalsIgnoreCase("desc") ? key.reversed() : key;
                order = order == null ? directed : order.thenComparing(directed);
            }
        }
        return order == null ? stable : order.thenComparing(stable);
    }
}
