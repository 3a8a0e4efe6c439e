package dev.latchkey.dynamodblocal;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB Local running inside this JVM, listening on a loopback port, so that callers use the real HTTP
 * protocol and the same SDK client as in Lambda. In memory unless a data directory is given.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private static final String[] NATIVE_LIBRARIES = {"libsqlite4java-linux-amd64.so", "libsqlite4java-osx.dylib"};

    /** sqlite4java warns on stderr that it cannot read its version from a repackaged jar; harmless, and held here so
     * the level sticks (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger SQLITE_LOG = java.util.logging.Logger.getLogger("com.almworks.sqlite4java");

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts an in-memory instance on a free loopback port. */
    public static EmbeddedDynamoDb start() {
        return start(0, null);
    }

    /**
     * Starts an instance.
     *
     * @param port    the loopback port, or 0 for a free one
     * @param dataDir a directory to keep the data in, or {@code null} for in-memory
     */
    public static EmbeddedDynamoDb start(int port, Path dataDir) {
        prepareNativeLibraries();
        int chosenPort = port == 0 ? freePort() : port;
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(chosenPort), "-disableTelemetry", "-sharedDb"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create DynamoDB Local data directory " + dataDir, e);
            }
            args.add("-dbPath");
            args.add(dataDir.toAbsolutePath().toString());
        }
        PrintStream stdout = System.out;
        try {
            // DynamoDB Local prints a banner on stdout; keep stdout for what the caller prints.
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            return new EmbeddedDynamoDb(server, chosenPort);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + chosenPort + ": " + e.getMessage(), e);
        } finally {
            System.setOut(stdout);
        }
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Stops the server; an in-memory instance loses its data. */
    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static synchronized void prepareNativeLibraries() {
        SQLITE_LOG.setLevel(java.util.logging.Level.OFF);
        if (System.getProperty("sqlite4java.library.path") != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("latchkey-sqlite4java");
            dir.toFile().deleteOnExit();
            for (String name : NATIVE_LIBRARIES) {
                try (InputStream in = EmbeddedDynamoDb.class.getResourceAsStream("natives/" + name)) {
                    if (in != null) {
                        Path target = dir.resolve(name);
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        target.toFile().deleteOnExit();
                    }
                }
            }
            System.setProperty("sqlite4java.library.path", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the SQLite native library DynamoDB Local needs", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for DynamoDB Local", e);
        }
    }
}
