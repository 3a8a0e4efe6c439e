package dev.latchkey.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The keys of a token's live hash items and the short form of its current value. The previous value's key and
 * {@code previousValidUntil} are set only while a rotation's grace lasts.
 */
public record ValueHashes(String currentHashKey, String shortToken, String previousHashKey, Instant previousValidUntil) {

    /** A token's first value: nothing before it. */
    public static ValueHashes first(String hashKey, String shortToken) {
        return new ValueHashes(hashKey, shortToken, null, null);
    }

    /** The same current value, with a superseded one that stays live until {@code until}. */
    public ValueHashes withPrevious(String hashKey, Instant until) {
        return new ValueHashes(currentHashKey, shortToken, hashKey, until);
    }

    /** After rotating at {@code at}: the new value is current, this one lives {@code grace} longer. */
    public ValueHashes rotatedTo(String newHashKey, String newShortToken, Instant at, Duration grace) {
        return first(newHashKey, newShortToken).withPrevious(currentHashKey, at.plus(grace));
    }

    /** The previous value's hash item, while it may still be live at {@code now}. */
    public boolean previousLiveAt(Instant now) {
        return previousHashKey != null && previousValidUntil != null && previousValidUntil.isAfter(now);
    }
}
