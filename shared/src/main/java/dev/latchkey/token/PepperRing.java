package dev.latchkey.token;

import java.util.Comparator;
import java.util.List;

/**
 * The current pepper and the older ones still accepted. New values are hashed with the current one; validate tries
 * the current one first and falls back to older versions only when the value is not found, so that a pepper can be
 * introduced without invalidating existing tokens.
 */
public final class PepperRing {

    private final Pepper current;
    private final List<Pepper> all;

    public PepperRing(List<Pepper> peppers) {
        if (peppers.isEmpty()) {
            throw new IllegalArgumentException("at least one pepper is needed");
        }
        this.all = peppers.stream().sorted(Comparator.comparingInt(Pepper::version).reversed()).toList();
        this.current = all.get(0);
    }

    public Pepper current() {
        return current;
    }

    /** Every accepted pepper, newest first. */
    public List<Pepper> all() {
        return all;
    }
}
