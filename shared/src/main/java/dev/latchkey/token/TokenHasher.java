package dev.latchkey.token;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * HMAC-SHA256 of a token value under a pepper. The hex digest, tagged with the pepper version, is the key of the hash
 * item validate reads, so a stored hash cannot be confused across pepper versions.
 */
public final class TokenHasher {

    private static final HexFormat HEX = HexFormat.of();

    private TokenHasher() {
    }

    public static byte[] hmac(Pepper pepper, String value) {
        return hmac(pepper.key(), value.getBytes(StandardCharsets.UTF_8));
    }

    /** The storage key of a value's hash item: {@code v<version>:<hex hmac>}. */
    public static String hashKey(Pepper pepper, ParsedToken token) {
        return "v" + pepper.version() + ":" + HEX.formatHex(hmac(pepper, token.value()));
    }

    /** The storage key of a freshly minted value. */
    public static String hashKey(Pepper pepper, String mintedValue) {
        return "v" + pepper.version() + ":" + HEX.formatHex(hmac(pepper, mintedValue));
    }

    /** Constant-time comparison of two hash keys, so the time taken says nothing about how much of a guess was right. */
    public static boolean sameHash(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
    }

    /** A key for another purpose derived from the pepper (for example sealing idempotent replies). */
    public static byte[] derive(Pepper pepper, String purpose) {
        return hmac(pepper.key(), ("latchkey:" + purpose).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
