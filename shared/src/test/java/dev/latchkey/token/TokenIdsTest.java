package dev.latchkey.token;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenIdsTest {

    @Test
    void idsAreLowercaseCuidLike() {
        String id = TokenIds.newId(Instant.parse("2026-11-22T10:00:00Z"), new SecureRandom());
        assertEquals(25, id.length());
        assertTrue(id.matches("c[0-9a-z]{24}"));
        assertTrue(TokenIds.isWellFormed(id));
    }

    @Test
    void lookalikesAreNotIds() {
        assertFalse(TokenIds.isWellFormed(null));
        assertFalse(TokenIds.isWellFormed("C" + "a".repeat(24)));
        assertFalse(TokenIds.isWellFormed("c" + "a".repeat(23)));
        assertFalse(TokenIds.isWellFormed("c" + "a".repeat(22) + ".."));
    }
}
