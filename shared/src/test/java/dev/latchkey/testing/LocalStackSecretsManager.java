package dev.latchkey.testing;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;

/**
 * The same Secrets Manager tests on LocalStack (pinned to 4.14, the last version without an auth token) through
 * Testcontainers, chosen with {@code LATCHKEY_SECRETS_BACKEND=localstack}. Needs a Docker engine: without one the
 * tests say so and are skipped, or fail under CI.
 */
final class LocalStackSecretsManager {

    static final String IMAGE = "localstack/localstack:4.14";

    private LocalStackSecretsManager() {
    }

    static URI start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            String message = "LATCHKEY_SECRETS_BACKEND=localstack, but no Docker engine is available to run " + IMAGE;
            System.err.println("\n*** " + message + " ***\n");
            if (System.getenv("CI") != null) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(IMAGE))
                .withServices(LocalStackContainer.Service.SECRETSMANAGER);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return container.getEndpointOverride(LocalStackContainer.Service.SECRETSMANAGER);
    }
}
