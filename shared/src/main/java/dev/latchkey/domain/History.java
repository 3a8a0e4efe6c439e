package dev.latchkey.domain;

import java.time.Instant;

/**
 * Who made and last changed a token and when, when it was last rotated and used, and its {@code version}, which
 * drives optimistic locking. Each step sets one instant by name, so two of them cannot be swapped unnoticed.
 */
public record History(long version, Instant createdAt, Actor createdBy, Instant updatedAt, Actor updatedBy,
                      Instant lastRotatedAt, Instant lastUsedAt) {

    /** A new token: version 1, never changed, rotated or used. */
    public static History created(Instant at, Actor by) {
        return new History(1, at, by, at, by, null, null);
    }

    /** The next version, changed at {@code at} by {@code by}. */
    public History changed(Instant at, Actor by) {
        return new History(version + 1, createdAt, createdBy, at, by, lastRotatedAt, lastUsedAt);
    }

    /** The next version, rotated at {@code at} by {@code by}. */
    public History rotated(Instant at, Actor by) {
        return changed(at, by).withLastRotatedAt(at);
    }

    /** As stored: at {@code version}, last changed at {@code at} by {@code by}. */
    public History asStored(long storedVersion, Instant at, Actor by) {
        return new History(storedVersion, createdAt, createdBy, at, by, lastRotatedAt, lastUsedAt);
    }

    public History withLastRotatedAt(Instant at) {
        return new History(version, createdAt, createdBy, updatedAt, updatedBy, at, lastUsedAt);
    }

    public History withLastUsedAt(Instant at) {
        return new History(version, createdAt, createdBy, updatedAt, updatedBy, lastRotatedAt, at);
    }
}
