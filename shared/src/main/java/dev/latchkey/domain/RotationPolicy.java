package dev.latchkey.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Scheduled rotation of a token into its Secrets Manager copy: every {@code everyDays}, the previous value kept alive
 * for {@code gracePeriodSeconds}. {@code nextRotationAt} is when the sweep picks the token up next.
 */
public record RotationPolicy(int everyDays, long gracePeriodSeconds, Instant nextRotationAt) {

    public static RotationPolicy startingAt(Instant from, int everyDays, long gracePeriodSeconds) {
        return new RotationPolicy(everyDays, gracePeriodSeconds, from.plus(Duration.ofDays(everyDays)));
    }

    /** The same policy, due again one period after {@code rotatedAt}. */
    public RotationPolicy rescheduledAfter(Instant rotatedAt) {
        return startingAt(rotatedAt, everyDays, gracePeriodSeconds);
    }
}
