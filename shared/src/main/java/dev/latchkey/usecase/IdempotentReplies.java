package dev.latchkey.usecase;

import dev.latchkey.token.PepperRing;
import dev.latchkey.token.TokenHasher;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Sealing of the value a create returned, so that a retry with the same {@code Idempotency-Key} can get it again.
 * AES-256-GCM under a key derived from the pepper, with the record key as associated data: a table dump alone cannot
 * open it, and a sealed value cannot be moved to another record. Records expire (TTL) after the retention window.
 */
final class IdempotentReplies {

    private static final int IV_BYTES = 12;

    private IdempotentReplies() {
    }

    /** The record key: the client's key, scoped to organization and calling token, hashed to a fixed size. */
    static String recordKey(String organizationId, String callerTokenId, String idempotencyKey) {
        return sha256Hex(organizationId + "\n" + callerTokenId + "\n" + idempotencyKey);
    }

    static String fingerprint(Object command) {
        return sha256Hex(command.toString());
    }

    static byte[] seal(PepperRing peppers, String recordKey, String value) {
        try {
            byte[] iv = new byte[IV_BYTES];
            new SecureRandom().nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, peppers, peppers.current().version(), recordKey, iv);
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(4 + IV_BYTES + sealed.length)
                    .putInt(peppers.current().version()).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Empty when the pepper that sealed it is gone or the data was tampered with. */
    static Optional<String> open(PepperRing peppers, String recordKey, byte[] sealed) {
        if (sealed.length <= 4 + IV_BYTES) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(sealed);
        int version = in.getInt();
        byte[] iv = new byte[IV_BYTES];
        in.get(iv);
        byte[] body = Arrays.copyOfRange(sealed, 4 + IV_BYTES, sealed.length);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, peppers, version, recordKey, iv);
            return Optional.of(new String(cipher.doFinal(body), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, PepperRing peppers, int version, String recordKey, byte[] iv) throws GeneralSecurityException {
        var pepper = peppers.all().stream().filter(p -> p.version() == version).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("pepper version " + version + " is no longer configured"));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(TokenHasher.derive(pepper, "idempotency"), "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(recordKey.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
