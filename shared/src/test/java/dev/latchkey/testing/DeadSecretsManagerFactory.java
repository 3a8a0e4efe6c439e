package dev.latchkey.testing;

import dev.latchkey.config.CoreFactory;
import dev.latchkey.config.LazySecretsManager;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

/**
 * In the {@value #ENVIRONMENT} environment, Secrets Manager is a loopback port nobody listens on: the real client, the
 * real HTTP stack, a connection refused. For the failure-semantics tests.
 */
@Factory
@Requires(env = DeadSecretsManagerFactory.ENVIRONMENT)
public class DeadSecretsManagerFactory {

    public static final String ENVIRONMENT = "dead-secrets-manager";

    @Singleton
    @Replaces(factory = CoreFactory.class, bean = LazySecretsManager.class)
    LazySecretsManager deadSecretsManager() {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LazySecretsManager(() -> SecretsManagerClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(2)).retryStrategy(r -> r.maxAttempts(1)))
                .build());
    }
}
