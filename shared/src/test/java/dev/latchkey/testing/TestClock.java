package dev.latchkey.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock tests move by hand, to cross grace periods and expiry without sleeping. Frozen by default; a clock
 * {@link #followingSystemTime() following system time} keeps step with a handler that runs on the real clock.
 */
public final class TestClock extends Clock {

    private final boolean frozen;
    private volatile Instant frozenAt;
    private volatile Duration offset = Duration.ZERO;

    public TestClock() {
        this(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public TestClock(Instant start) {
        this.frozen = true;
        this.frozenAt = start;
    }

    private TestClock(boolean frozen) {
        this.frozen = frozen;
    }

    /** Real time plus whatever the test has {@link #advance advanced}. */
    public static TestClock followingSystemTime() {
        return new TestClock(false);
    }

    public void advance(Duration by) {
        if (frozen) {
            frozenAt = frozenAt.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return frozen ? frozenAt : Instant.now().plus(offset).truncatedTo(ChronoUnit.MILLIS);
    }
}
