package dev.latchkey.bench;

import java.util.List;

/**
 * When a fault run's phases began, in {@link System#nanoTime()}: a call belongs to the phase in which its answer
 * arrived, so that a request caught by the fault counts (with its full latency) as an answer of the outage.
 */
record FaultTimeline(long startAt, long steadyAt, long faultAt, long backAt, long stopAt) {

    enum Phase { WARM_UP, STEADY, DOWN, RECOVERY }

    Phase phaseOf(Call call) {
        long end = call.endNanos();
        if (end < steadyAt) {
            return Phase.WARM_UP;
        }
        if (end < faultAt) {
            return Phase.STEADY;
        }
        return end < backAt ? Phase.DOWN : Phase.RECOVERY;
    }

    double seconds(Phase phase) {
        return switch (phase) {
            case WARM_UP -> (steadyAt - startAt) / 1e9;
            case STEADY -> (faultAt - steadyAt) / 1e9;
            case DOWN -> (backAt - faultAt) / 1e9;
            case RECOVERY -> (stopAt - backAt) / 1e9;
        };
    }

    List<Call> in(Phase phase, List<Call> calls) {
        return calls.stream().filter(c -> phaseOf(c) == phase).toList();
    }
}
