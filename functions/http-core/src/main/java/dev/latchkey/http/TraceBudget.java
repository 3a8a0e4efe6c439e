package dev.latchkey.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one stack trace per interval. During an outage every request fails the same way, and a full SDK stack trace
 * per request (~9 KB) wrote 248 MB of log in a 24 s DynamoDB outage under load (docs/benchmarks.md, section 5): one
 * trace a minute keeps the evidence, the per-request line keeps the count.
 *
 * <p>Times are {@code System.nanoTime()} values passed in by the caller; nothing is read at construction, so a
 * SnapStart snapshot carries no clock.
 */
final class TraceBudget {

    private static final long NEVER = Long.MIN_VALUE;

    private final long intervalNanos;
    private final AtomicLong lastGrantedAt = new AtomicLong(NEVER);

    TraceBudget(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** Whether a trace may be written at {@code nowNanos}; if so, the next one waits a full interval. */
    boolean take(long nowNanos) {
        long last = lastGrantedAt.get();
        if (last != NEVER && nowNanos - last < intervalNanos) {
            return false;
        }
        return lastGrantedAt.compareAndSet(last, nowNanos);
    }
}
