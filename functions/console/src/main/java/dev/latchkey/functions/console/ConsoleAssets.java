package dev.latchkey.functions.console;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's files, from {@code console/} on this function's class path, read once each. A path is looked up only
 * when every segment is a plain name (a letter or digit first, then letters, digits, {@code . _ -}) and its extension
 * has a content type here: {@code ..}, {@code .}, empty segments, backslashes, encoded characters and folders are
 * never names of a file, so nothing outside {@code console/} (nor a folder listing) can be answered.
 */
@Singleton
public class ConsoleAssets {

    private static final Pattern SAFE_PATH = Pattern.compile("[a-z0-9][a-z0-9._-]{0,80}(/[a-z0-9][a-z0-9._-]{0,80}){0,4}");

    /** Text files only: the console ships no images, so every body is UTF-8 text. */
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml; charset=utf-8");

    /** One file: its body, its content type and a strong ETag over its bytes. */
    public record Asset(String text, String contentType, String etag) {
    }

    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    public Optional<Asset> find(String path) {
        if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            return Optional.empty();
        }
        int dot = path.lastIndexOf('.');
        // The extension of the last segment; a segment without one ("js", a folder) is never a file here.
        String contentType = dot > path.lastIndexOf('/') ? CONTENT_TYPES.get(path.substring(dot + 1)) : null;
        if (contentType == null) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(path, p -> load(p, contentType));
    }

    private static Optional<Asset> load(String path, String contentType) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream("console/" + path)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Asset(new String(bytes, StandardCharsets.UTF_8), contentType, etag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console/" + path, e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
