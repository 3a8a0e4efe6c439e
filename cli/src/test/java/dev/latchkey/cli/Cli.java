package dev.latchkey.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs bin/latchkey as a subprocess, as a user or a CI step would, with a clean environment. */
final class Cli {
    /** Surefire runs in cli/; the launcher lives at the repository root. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path LAUNCHER = ROOT.resolve("bin/latchkey");

    record Result(int exit, String out, String err) {
        Result expect(int code) {
            assertEquals(code, exit, () -> "exit " + exit + "\nstdout: " + out + "\nstderr: " + err);
            return this;
        }

        String line() {
            return out.strip();
        }
    }

    private final Map<String, String> env = new HashMap<>();

    Cli(String url, String token) {
        if (url != null) {
            env.put("LATCHKEY_API_URL", url);
        }
        if (token != null) {
            env.put("LATCHKEY_API_TOKEN", token);
        }
    }

    Cli with(String name, String value) {
        Cli copy = new Cli(null, null);
        copy.env.putAll(env);
        if (value == null) {
            copy.env.remove(name);
        } else {
            copy.env.put(name, value);
        }
        return copy;
    }

    Result run(String... args) {
        return input(null, args);
    }

    Result input(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        return exec(command, stdin);
    }

    /** A shell command line, for pipes between two latchkey processes; {@code latchkey} names the launcher. */
    Result shell(String script) {
        return exec(List.of("/bin/sh", "-c", "latchkey() { \"" + LAUNCHER + "\" \"$@\"; }; " + script), null);
    }

    Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        return builder(command).start();
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp").toFile() : null);
        Map<String, String> e = pb.environment();
        // Nothing from the developer's own shell may leak into a test.
        e.keySet().removeIf(k -> k.startsWith("LATCHKEY_") || k.toLowerCase().endsWith("_proxy") || k.equals("XDG_CONFIG_HOME"));
        e.putAll(env);
        return pb;
    }

    private Result exec(List<String> command, String stdin) {
        try {
            Process p = builder(command).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "latchkey did not finish: " + command);
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
