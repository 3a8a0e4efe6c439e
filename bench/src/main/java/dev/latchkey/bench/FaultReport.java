package dev.latchkey.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Reads a fault run's calls phase by phase, prints the figures, and judges them: all 200 while steady; while the
 * backend is down only 503s with the error body (or a 200 that got through), none slower than the bound; after it is
 * back, all 200 again without touching the runner.
 */
final class FaultReport {

    /** Recovered means at least this long of nothing but 200s at the end of the run. */
    static final Duration CLEAN_TAIL = Duration.ofSeconds(5);

    private final FaultTimeline timeline;
    private final List<Call> calls;
    private final Duration bound;
    private final List<String> failed = new ArrayList<>();

    FaultReport(FaultTimeline timeline, List<Call> calls, Duration bound) {
        this.timeline = timeline;
        this.calls = calls;
        this.bound = bound;
    }

    void printPhases(int concurrency) {
        for (FaultTimeline.Phase phase : FaultTimeline.Phase.values()) {
            List<Call> in = timeline.in(phase, calls);
            double s = timeline.seconds(phase);
            System.out.printf(Locale.ROOT, "## %s (%.1f s)%n", phase.name().toLowerCase(Locale.ROOT), s);
            System.out.println(CallSummary.of("validate", in, c -> c.op() == Call.Op.VALIDATE, s).line(concurrency));
            System.out.println(CallSummary.of("management", in, c -> c.op().management(), s).line(concurrency));
            CallSummary probes = CallSummary.of("probe", in, c -> c.op() == Call.Op.PROBE, s);
            if (probes.count() > 0) {
                System.out.println(probes.line(concurrency));
            }
        }
        List<Call> down = timeline.in(FaultTimeline.Phase.DOWN, calls);
        double downSeconds = timeline.seconds(FaultTimeline.Phase.DOWN);
        System.out.println("## 503 answers while down (latency of the 503 itself)");
        System.out.println(CallSummary.of("validate", down, c -> c.status() == 503 && c.op() == Call.Op.VALIDATE, downSeconds).line(concurrency));
        System.out.println(CallSummary.of("management", down, c -> c.status() == 503 && c.op().management(), downSeconds).line(concurrency));
        CallSummary probes = CallSummary.of("probe", down, c -> c.status() == 503 && c.op() == Call.Op.PROBE, downSeconds);
        if (probes.count() > 0) {
            System.out.println(probes.line(concurrency));
        }
    }

    /** The slowest answers, with when each was sent relative to the fault: what a hang looked like. */
    void printSlowest(int n) {
        System.out.println("## slowest answers (sent relative to the fault; latency)");
        calls.stream().filter(c -> timeline.phaseOf(c) != FaultTimeline.Phase.WARM_UP)
                .sorted(java.util.Comparator.comparingLong(Call::nanos).reversed()).limit(n)
                .forEach(c -> System.out.printf(Locale.ROOT, "%-8s %-13s sent %+8.0f ms, answered after %7.0f ms%n", c.op(),
                        CallSummary.statusName(c.status()), (c.startNanos() - timeline.faultAt()) / 1e6, c.nanos() / 1e6));
    }

    void judge() {
        List<Call> steady = timeline.in(FaultTimeline.Phase.STEADY, calls);
        require(!steady.isEmpty() && steady.stream().allMatch(Call::succeeded), "steady: every answer a well-formed 200");

        List<Call> down = timeline.in(FaultTimeline.Phase.DOWN, calls);
        require(down.stream().anyMatch(c -> c.status() == 503), "down: the outage was seen (503s)");
        require(down.stream().allMatch(c -> c.succeeded() || c.status() == 503),
                "down: nothing but 503 (no 500, no other 5xx or 4xx, no timeout or dropped connection)");
        require(down.stream().filter(c -> c.status() == 503).allMatch(Call::wellFormed),
                "down: every 503 carries the error body {statusCode: 503, message, requestId}");
        List<Call> afterWarmUp = calls.stream().filter(c -> timeline.phaseOf(c) != FaultTimeline.Phase.WARM_UP).toList();
        long slowest = afterWarmUp.stream().mapToLong(Call::nanos).max().orElse(0);
        require(slowest <= bound.toNanos(), String.format(Locale.ROOT,
                "bounded: slowest answer %.0f ms <= %d ms (SDK api-call timeout + margin)", slowest / 1e6, bound.toMillis()));

        List<Call> recovery = timeline.in(FaultTimeline.Phase.RECOVERY, calls);
        require(recovery.stream().noneMatch(c -> (c.status() >= 500 && c.status() != 503) || c.status() < 0),
                "recovery: no 500, no other 5xx, no timeout");
        long lastBad = recovery.stream().filter(Predicate.not(Call::succeeded)).mapToLong(Call::endNanos).max().orElse(timeline.backAt());
        long clean = recovery.stream().filter(c -> c.startNanos() > lastBad).count();
        System.out.printf(Locale.ROOT, "recovery: all answers 200 from %.0f ms after the backend was back (%d answers after it; "
                        + "%d answers of the recovery phase were not 200)%n",
                (lastBad - timeline.backAt()) / 1e6, clean, recovery.stream().filter(Predicate.not(Call::succeeded)).count());
        require(clean > 0 && timeline.stopAt() - lastBad >= CLEAN_TAIL.toNanos(),
                "recovery: all 200 again without a runner restart, for at least the last " + CLEAN_TAIL.toSeconds() + " s");
    }

    void require(boolean ok, String what) {
        System.out.println((ok ? "PASS " : "FAIL ") + what);
        if (!ok) {
            failed.add(what);
        }
    }

    List<String> failed() {
        return List.copyOf(failed);
    }
}
