package dev.latchkey.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The pepper locally: {@code LATCHKEY_PEPPER} when set; otherwise a random one, kept in the data directory when there
 * is one so that tokens survive a restart.
 */
final class LocalPepper {

    private LocalPepper() {
    }

    static String resolve(Path dataDir) {
        String configured = System.getenv("LATCHKEY_PEPPER");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (dataDir == null) {
            return fresh();
        }
        Path file = dataDir.resolve("latchkey-pepper");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(dataDir);
            String pepper = fresh();
            Files.writeString(file, pepper);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            return pepper;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local pepper in " + file, e);
        }
    }

    private static String fresh() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
