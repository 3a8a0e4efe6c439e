package dev.latchkey.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTextTest {

    @Test
    void controlCharactersAreEscapedSoNoValueEndsTheLine() {
        assertEquals("/a\\r\\nERROR forged", LogText.of("/a\r\nERROR forged"));
        assertEquals("\\u0000\\u001b[31m\\u007f\\u0085\\u2028\\t", LogText.of("\u0000\u001b[31m\u007f\u0085\u2028\t"));
        assertEquals("a\\\\nb", LogText.of("a\\nb"), "a literal backslash is doubled, so escapes stay unambiguous");
        assertEquals("/v1/validate é", LogText.of("/v1/validate é"));
        assertEquals("null", LogText.of(null));
    }

    @Test
    void longValuesAreCut() {
        String logged = LogText.of("x".repeat(10_000));
        assertTrue(logged.startsWith("x".repeat(LogText.MAX_CHARS) + "...("), logged.substring(0, 20));
        assertTrue(logged.length() < LogText.MAX_CHARS + 40);
    }
}
