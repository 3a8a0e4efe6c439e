package dev.latchkey.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh file for {@code latchkey.events-file} (the JSON-lines hygiene events a context or the runner writes), and
 * the events read back from it, each line parsed.
 */
public final class EventsFile {

    public static final String PROPERTY = "latchkey.events-file";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;

    private EventsFile(Path path) {
        this.path = path;
    }

    public static EventsFile create() {
        try {
            Path dir = Files.createTempDirectory("latchkey-events");
            return new EventsFile(dir.resolve("events.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    /** Every line so far, in order; none before the first event. */
    public List<String> lines() {
        try {
            return Files.exists(path) ? Files.readAllLines(path) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines()) {
            try {
                events.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }
        return events;
    }

    /** The events of one {@code detail-type} about one token. */
    public List<JsonNode> events(String detailType, String tokenId) {
        return events().stream()
                .filter(e -> detailType.equals(e.path("detail-type").asText()) && tokenId.equals(e.path("detail").path("tokenId").asText()))
                .toList();
    }
}
