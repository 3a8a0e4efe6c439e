package dev.latchkey.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Figures over some of the calls of a run: how many, per second, latency percentiles (of every answer, failed or
 * not), failures (anything but a well-formed 200) and the count per status.
 */
record CallSummary(String what, double seconds, LoadGen.Stats latency, long failures, Map<Integer, Long> statuses) {

    static CallSummary of(String what, List<Call> calls, Predicate<Call> which, double seconds) {
        List<Call> chosen = calls.stream().filter(which).toList();
        long[] nanos = chosen.stream().mapToLong(Call::nanos).sorted().toArray();
        long failures = chosen.stream().filter(c -> !c.succeeded()).count();
        Map<Integer, Long> statuses = new TreeMap<>();
        chosen.forEach(c -> statuses.merge(c.status(), 1L, Long::sum));
        return new CallSummary(what, seconds, new LoadGen.Stats(what, 0, seconds, nanos, failures), failures, statuses);
    }

    long count() {
        return latency.latenciesNanos().length;
    }

    double perSecond() {
        return count() / seconds;
    }

    double p50Ms() {
        return latency.percentileMs(50);
    }

    double p99Ms() {
        return latency.percentileMs(99);
    }

    double maxMs() {
        return latency.percentileMs(100);
    }

    /** {@code 200=1234 503=56}, with the harness's own codes named. */
    String statusCounts() {
        StringBuilder s = new StringBuilder();
        statuses.forEach((status, n) -> s.append(s.length() == 0 ? "" : " ").append(statusName(status)).append('=').append(n));
        return s.length() == 0 ? "none" : s.toString();
    }

    static String statusName(int status) {
        return switch (status) {
            case HttpCall.TIMED_OUT -> "timeout";
            case HttpCall.NO_CONNECTION -> "no-connection";
            default -> Integer.toString(status);
        };
    }

    String line(int concurrency) {
        return String.format(Locale.ROOT, "%-11s c=%-3d %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms  errors %d  (%s)",
                what, concurrency, perSecond(), p50Ms(), p99Ms(), maxMs(), failures, statusCounts());
    }
}
