package dev.latchkey.testing;

import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Secrets Manager API for tests: {@code moto_server} (Python's moto), started once per test JVM on a free
 * loopback port and pointed at through the SDK's standard {@code aws.endpointUrlSecretsManager} setting, exactly as
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} would be. Where moto_server is missing the tests say so loudly and are
 * skipped, except under CI ({@code CI} set), where they fail: CI must run them. With
 * {@code LATCHKEY_SECRETS_BACKEND=localstack} the same tests run on LocalStack through Testcontainers instead.
 */
public final class LocalSecretsManager {

    private static URI endpoint;
    private static Process process;

    private LocalSecretsManager() {
    }

    public static synchronized URI endpoint() {
        if (endpoint == null) {
            start();
        }
        return endpoint;
    }

    public static SecretsManagerClient client() {
        return SecretsManagerClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static void start() {
        if ("localstack".equals(System.getenv("LATCHKEY_SECRETS_BACKEND"))) {
            endpoint = LocalStackSecretsManager.start();
            LocalDynamo.instance();
            System.setProperty("aws.endpointUrlSecretsManager", endpoint.toString());
            return;
        }
        String executable = find("moto_server");
        if (executable == null) {
            String message = "moto_server was not found on PATH: the Secrets Manager tests need it (pip install 'moto[server]')";
            System.err.println("\n*** " + message + " ***\n");
            if (System.getenv("CI") != null) {
                throw new AssertionError(message + ". CI must run these tests, not skip them.");
            }
            Assumptions.abort(message);
        }
        try {
            int port = freePort();
            Path log = Files.createTempFile("moto-server", ".log");
            process = new ProcessBuilder(executable, "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!listening(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("moto_server did not start on port " + port + ": " + Files.readString(log));
                }
                Thread.sleep(100);
            }
            endpoint = URI.create("http://127.0.0.1:" + port);
            LocalDynamo.instance();
            System.setProperty("aws.endpointUrlSecretsManager", endpoint.toString());
        } catch (IOException e) {
            throw new IllegalStateException("moto_server could not be started", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting moto_server", e);
        }
    }

    private static String find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, name);
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
