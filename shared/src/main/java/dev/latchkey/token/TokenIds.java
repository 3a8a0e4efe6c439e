package dev.latchkey.token;

import java.security.SecureRandom;
import java.time.Instant;

/** Lowercase, CUID-like ids ({@code c} + time + randomness, 25 characters), made per request. */
public final class TokenIds {

    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    public static final int LENGTH = 25;

    private TokenIds() {
    }

    public static String newId(Instant now, SecureRandom random) {
        StringBuilder id = new StringBuilder(LENGTH).append('c');
        String time = Long.toString(now.toEpochMilli(), 36);
        id.append("0".repeat(Math.max(0, 8 - time.length()))).append(time);
        while (id.length() < LENGTH) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != LENGTH || id.charAt(0) != 'c') {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (ALPHABET.indexOf(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
