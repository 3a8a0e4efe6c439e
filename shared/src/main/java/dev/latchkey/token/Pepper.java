package dev.latchkey.token;

import java.util.Arrays;

/** One version of the secret HMAC key. Without it a copy of the table cannot be used to test a guessed value. */
public final class Pepper {

    private final int version;
    private final byte[] key;

    public Pepper(int version, byte[] key) {
        if (version < 1) {
            throw new IllegalArgumentException("pepper versions start at 1");
        }
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("a pepper must hold at least 32 bytes");
        }
        this.version = version;
        this.key = key.clone();
    }

    public int version() {
        return version;
    }

    byte[] key() {
        return key;
    }

    @Override
    public String toString() {
        return "Pepper[version=" + version + ", key=<redacted>]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pepper other && version == other.version && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return version;
    }
}
