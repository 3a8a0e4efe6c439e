package dev.latchkey.token;

import dev.latchkey.domain.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenFormatTest {

    private final TokenFormat format = new TokenFormat("lk");
    private final SecureRandom random = new SecureRandom();

    @ParameterizedTest
    @EnumSource(Scope.class)
    void mintedValuesParseBackWithTheirScope(Scope scope) {
        String value = format.mint(scope, random);
        assertTrue(value.startsWith("lk" + scope.letter() + "_"));
        assertEquals(2 + 2 + 43 + 6, value.length());
        assertEquals(scope, format.parse(value).orElseThrow().scope());
    }

    @Test
    void checksumIsCrc32OfTheRandomPartInSixBase62Characters() {
        String value = format.mint(Scope.WORKSPACE, random);
        String randomPart = value.substring(4, 4 + 43);
        CRC32 crc = new CRC32();
        crc.update(randomPart.getBytes());
        assertEquals(Base62.encodeFixed(crc.getValue(), 6), value.substring(47));
    }

    @Test
    void everyRandomCharacterChangeBreaksTheChecksum() {
        String value = format.mint(Scope.ORGANIZATION, random);
        int broken = 0;
        for (int i = 4; i < value.length(); i++) {
            char replacement = value.charAt(i) == 'A' ? 'B' : 'A';
            String typo = value.substring(0, i) + replacement + value.substring(i + 1);
            if (format.parse(typo).isEmpty()) {
                broken++;
            }
        }
        assertEquals(value.length() - 4, broken, "every single-character typo must be refused without a lookup");
    }

    @Test
    void valuesDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(format.mint(Scope.DEPLOYMENT, random)));
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"lk", "lko_", "lko", "abc", "Bearer lko_x", "lkx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000"})
    void garbageIsRefused(String candidate) {
        assertTrue(format.parse(candidate).isEmpty());
    }

    @Test
    void anotherDeploymentsPrefixIsRefused() {
        String foreign = new TokenFormat("acme").mint(Scope.WORKSPACE, random);
        assertTrue(format.parse(foreign).isEmpty());
    }

    @Test
    void wrongLengthOrAlphabetIsRefused() {
        String value = format.mint(Scope.WORKSPACE, random);
        assertTrue(format.parse(value + "A").isEmpty());
        assertTrue(format.parse(value.substring(1)).isEmpty());
        assertTrue(format.parse(value.substring(0, 10) + "-" + value.substring(11)).isEmpty());
        assertTrue(format.parse(value.substring(0, 3) + "-" + value.substring(4)).isEmpty());
        assertTrue(format.parse(" " + value.substring(1)).isEmpty());
    }

    @Test
    void shortTokenShowsPrefixAndLastFourOnly() {
        String value = format.mint(Scope.WORKSPACE, random);
        assertEquals("lkw_..." + value.substring(value.length() - 4), format.shortToken(value));
    }

    @Test
    void parsedTokenNeverPrintsItsValue() {
        String value = format.mint(Scope.WORKSPACE, random);
        assertFalse(format.parse(value).orElseThrow().toString().contains(value.substring(4)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "LK", "l-k", "abcdefghijklmnopq", "`", "{", "a{", "`z"})
    void prefixMustBeLowercaseLetters(String prefix) {
        assertThrows(IllegalArgumentException.class, () -> new TokenFormat(prefix));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "z", "abcdefghijklmnop"})
    void prefixMayBeOneToSixteenLowercaseLetters(String prefix) {
        TokenFormat other = new TokenFormat(prefix);
        assertEquals(prefix, other.prefix());
        assertEquals(Scope.DEPLOYMENT, other.parse(other.mint(Scope.DEPLOYMENT, random)).orElseThrow().scope());
    }

    @Test
    void aCharacterOutsideTheAlphabetIsRefusedEvenWithAMatchingChecksum() {
        // The checksum is CRC32 over any characters: the alphabet check is what keeps '-', '.' or '/' out of a value.
        String value = format.mint(Scope.WORKSPACE, random);
        String randomPart = value.substring(4, 14) + "-" + value.substring(15, 4 + 43);
        CRC32 crc = new CRC32();
        crc.update(randomPart.getBytes());
        String forged = value.substring(0, 4) + randomPart + Base62.encodeFixed(crc.getValue(), 6);
        assertTrue(format.parse(forged).isEmpty());
    }
}
