package dev.latchkey.store.events;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.TokenEvents;
import dev.latchkey.store.TokenNotice;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;

/**
 * Hygiene events as JSON lines, one event per line in the shape of an EventBridge event ({@code source},
 * {@code detail-type}, {@code time}, {@code detail}), appended to the file {@code latchkey.events-file} names or, for
 * {@code -}, written to stdout: the local runner's {@code --events-file}, so that events can be seen and tested
 * without AWS.
 */
@Singleton
@Requires(property = JsonLinesTokenEvents.PROPERTY)
public final class JsonLinesTokenEvents implements TokenEvents {

    public static final String PROPERTY = "latchkey.events-file";
    public static final String STDOUT = "-";

    private final String target;
    private final Clock clock;

    public JsonLinesTokenEvents(@Property(name = PROPERTY) String target, Clock clock) {
        this.target = target;
        this.clock = clock;
    }

    @Override
    public void publish(TokenNotice notice) {
        String line = "{\"source\":\"" + TokenNotice.SOURCE + "\",\"detail-type\":\"" + notice.kind().detailType()
                + "\",\"time\":\"" + clock.instant() + "\",\"detail\":" + notice.detailJson() + "}\n";
        write(line);
    }

    // One writer at a time, so that lines never interleave; each line is flushed before the notice counts as sent.
    private synchronized void write(String line) {
        if (STDOUT.equals(target)) {
            System.out.print(line);
            System.out.flush();
            return;
        }
        try {
            Files.writeString(Path.of(target), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                    "The events file " + target + " could not be written: " + e.getMessage(), List.of(), e);
        }
    }
}
