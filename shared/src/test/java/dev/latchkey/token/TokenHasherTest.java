package dev.latchkey.token;

import dev.latchkey.domain.Scope;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenHasherTest {

    private static final Pepper PEPPER_1 = new Pepper(1, "first-pepper-first-pepper-first-pepper!!".getBytes(StandardCharsets.UTF_8));
    private static final Pepper PEPPER_2 = new Pepper(2, "second-pepper-second-pepper-second-pep!!".getBytes(StandardCharsets.UTF_8));

    private final TokenFormat format = new TokenFormat("lk");
    private final String value = format.mint(Scope.WORKSPACE, new SecureRandom());

    @Test
    void hashKeyIsTheVersionedHmacSha256() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("first-pepper-first-pepper-first-pepper!!".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1:" + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, TokenHasher.hashKey(PEPPER_1, value));
        assertEquals(expected, TokenHasher.hashKey(PEPPER_1, format.parse(value).orElseThrow()));
    }

    @Test
    void thePepperChangesTheHashSoATableDumpCannotTestAGuess() throws Exception {
        String plainSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        String withPepper1 = TokenHasher.hashKey(PEPPER_1, value);
        assertNotEquals(withPepper1, TokenHasher.hashKey(PEPPER_2, value));
        assertFalse(withPepper1.contains(plainSha));
        assertFalse(withPepper1.contains(value));
    }

    @Test
    void sameHashComparesWholeStrings() {
        String key = TokenHasher.hashKey(PEPPER_1, value);
        assertTrue(TokenHasher.sameHash(key, new String(key)));
        char last = key.charAt(key.length() - 1);
        assertFalse(TokenHasher.sameHash(key, key.substring(0, key.length() - 1) + (last == '0' ? '1' : '0')));
        assertFalse(TokenHasher.sameHash(key, null));
    }

    @Test
    void peppersMustBeLongEnoughAndNeverPrint() {
        assertThrows(IllegalArgumentException.class, () -> new Pepper(1, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> new Pepper(0, new byte[32]));
        assertFalse(PEPPER_1.toString().contains("first-pepper"));
    }

    @Test
    void ringPutsTheNewestPepperFirst() {
        PepperRing ring = new PepperRing(java.util.List.of(PEPPER_1, PEPPER_2));
        assertEquals(2, ring.current().version());
        assertEquals(java.util.List.of(PEPPER_2, PEPPER_1), ring.all());
    }
}
