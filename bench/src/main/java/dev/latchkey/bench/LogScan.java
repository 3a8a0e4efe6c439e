package dev.latchkey.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads a process's log as a stream and counts its lines, its bytes and the lines that hold something shaped like a
 * token value ({@code lk} + scope letter + {@code _} + base62). The runner's one allowed such line, its
 * {@code export LATCHKEY_API_TOKEN=} line, is not counted.
 */
record LogScan(long lines, long bytes, long linesWithTokenValue) {

    private static final Pattern TOKEN_VALUE = Pattern.compile("lk[owd]_[0-9A-Za-z]{20,}");

    static LogScan of(Path... files) throws IOException {
        long lines = 0;
        long bytes = 0;
        long leaks = 0;
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            bytes += Files.size(file);
            // Decodes leniently: a stray byte must not end the scan early.
            try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines++;
                    if (!line.startsWith("export LATCHKEY_API_TOKEN=") && TOKEN_VALUE.matcher(line).find()) {
                        leaks++;
                    }
                }
            }
        }
        return new LogScan(lines, bytes, leaks);
    }
}
