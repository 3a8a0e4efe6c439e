package dev.latchkey.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The fault run's DynamoDB: {@link DynamoDbLocalMain} in its own JVM, to be killed, paused and started again. */
final class BackendProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final int port;
    private final Path dataDir;
    private final Path logDir;
    private int starts;
    private ChildJvm current;

    BackendProcess(int port, Path dataDir, Path logDir) {
        this.port = port;
        this.dataDir = dataDir;
        this.logDir = logDir;
    }

    /** Starts it on the port and data directory, and returns once it listens. */
    void start() throws InterruptedException {
        // A log file per start: the wait reads it for "ready", which an earlier start already wrote.
        current = ChildJvm.start(List.of("-cp", System.getProperty("java.class.path"), DynamoDbLocalMain.class.getName(),
                "--port", Integer.toString(port), "--data-dir", dataDir.toString()), Map.of(), logDir.resolve("dynamodb-" + ++starts));
        if (current.awaitLine("ready", START_TIMEOUT).isEmpty()) {
            current.kill();
            throw new IllegalStateException("DynamoDB Local did not start on port " + port + "; see " + current.stderr());
        }
    }

    void kill() throws InterruptedException {
        current.kill();
    }

    /** SIGTERM: the process may finish what it was doing. */
    void stop() throws InterruptedException {
        current.stop();
    }

    void pause() throws IOException, InterruptedException {
        current.signal("STOP");
    }

    void resume() throws IOException, InterruptedException {
        current.signal("CONT");
    }

    @Override
    public void close() throws InterruptedException {
        if (current != null) {
            current.kill();
        }
    }
}
