package dev.latchkey.domain;

import java.time.Instant;

/**
 * A token's validity window and the expiry period it was asked for ({@code null}: never expires). The hash items keep
 * only the {@link #window()}: validate needs when, not why.
 */
public record Lifetime(Validity window, Integer expiryPeriodInDays) {

    public Instant startAt() {
        return window.startAt();
    }

    public Instant endAt() {
        return window.endAt();
    }
}
