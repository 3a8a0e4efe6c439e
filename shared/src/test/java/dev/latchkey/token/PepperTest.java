package dev.latchkey.token;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A pepper is a version (from 1) and a key of at least 32 bytes; it never prints its key. */
class PepperTest {

    static byte[] key(int length, int fill) {
        byte[] key = new byte[length];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void aPepperNeedsVersionOneOrMoreAndThirtyTwoBytes() {
        assertEquals(1, new Pepper(1, key(32, 7)).version());
        assertThrows(IllegalArgumentException.class, () -> new Pepper(0, key(32, 7)));
        assertThrows(IllegalArgumentException.class, () -> new Pepper(1, key(31, 7)));
        assertThrows(IllegalArgumentException.class, () -> new Pepper(1, null));
    }

    @Test
    void aPepperIsItsVersionAndKey() {
        Pepper p = new Pepper(2, key(32, 7));
        assertEquals(p, new Pepper(2, key(32, 7)));
        assertEquals(p.hashCode(), new Pepper(2, key(32, 7)).hashCode());
        assertNotEquals(p, new Pepper(3, key(32, 7)));
        assertNotEquals(p, new Pepper(2, key(32, 8)));
        assertNotEquals(p, "Pepper[version=2]");
    }

    @Test
    void aPepperNeverPrintsItsKey() {
        Pepper p = new Pepper(4, "k".repeat(32).getBytes());
        assertEquals("Pepper[version=4, key=<redacted>]", p.toString());
        assertFalse(p.toString().contains("kkkk"));
    }
}
