package dev.latchkey.domain;

import java.time.Instant;

/**
 * When a token may authenticate: from {@code startAt} until {@code endAt} ({@code null}: no end). Built with
 * {@link #from} and {@link #until} so the two instants are named where they are set.
 */
public record Validity(Instant startAt, Instant endAt) {

    /** Open-ended from {@code startAt}. */
    public static Validity from(Instant startAt) {
        return new Validity(startAt, null);
    }

    /** The same start, ending at {@code endAt} ({@code null} keeps it open-ended). */
    public Validity until(Instant endAt) {
        return new Validity(startAt, endAt);
    }
}
