package dev.latchkey.local;

import dev.latchkey.testing.LocalSecretsManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets Manager copies made by the functions as they are deployed: each function runs from its own zip, whose AWS
 * SDK jars are trimmed by ProGuard to what the function can reach. The other runner tests never touch Secrets
 * Manager, so a class the trim removed from the Secrets Manager client (create, rotate, delete) would only show here,
 * as a 5xx, before it could show in Lambda.
 */
class SecretCopiesThroughRunnerTest {

    static final String ORG = "copies-org";

    static LocalRunner.Running runner;
    static RunnerClient client;
    static SecretsManagerClient secrets;

    @BeforeAll
    static void start() {
        // Sets aws.endpointUrlSecretsManager for this JVM, which every function's class loader shares, before they start.
        secrets = LocalSecretsManager.client();
        runner = LocalRunner.start(LocalRunner.options(0, ORG));
        client = RunnerClient.of(runner);
    }

    @AfterAll
    static void stop() {
        runner.stop();
        secrets.close();
        // The endpoint is a JVM-wide setting: the runner tests after this one expect a runner without Secrets Manager.
        System.clearProperty("aws.endpointUrlSecretsManager");
    }

    /** The value under AWSCURRENT, named: moto answers a read without a stage from the secret's first version. */
    private static String current(String secretName) {
        String json = secrets.getSecretValue(b -> b.secretId(secretName).versionStage("AWSCURRENT")).secretString();
        return RunnerClient.field(json, "token");
    }

    @Test
    void createRotateAndDeleteKeepTheCopyCurrentFromTheTrimmedZips() throws Exception {
        assertEquals(200, client.call("PUT", "/v1/organizations/" + ORG + "/workspaces/ws-c", null).statusCode());
        HttpResponse<String> created = client.call("POST", "/v1/organizations/" + ORG + "/tokens",
                "{\"name\":\"ci\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-c\",\"role\":\"WORKSPACE_AUTHOR\","
                        + "\"secretsManager\":{\"secretName\":\"latchkey/ci/runner-copy\"}}");
        assertEquals(200, created.statusCode(), RunnerClient.describe(created));
        String id = RunnerClient.field(created.body(), "id");
        String first = RunnerClient.field(created.body(), "token");
        // assertTrue, not assertEquals: a failure message must not print token values.
        assertTrue(first.equals(current("latchkey/ci/runner-copy")), "the create function wrote the value it answered");

        HttpResponse<String> rotated = client.call("POST", "/v1/organizations/" + ORG + "/tokens/" + id + "/rotate", null);
        assertEquals(200, rotated.statusCode(), RunnerClient.describe(rotated));
        String second = RunnerClient.field(rotated.body(), "token");
        assertTrue(!second.equals(first), "rotate made a new value");
        assertTrue(second.equals(current("latchkey/ci/runner-copy")), "the rotate function moved AWSCURRENT to the new value");
        assertEquals("VALID", client.validateCode(second));

        HttpResponse<String> deleted = client.call("DELETE", "/v1/organizations/" + ORG + "/tokens/" + id, null);
        assertEquals(204, deleted.statusCode(), RunnerClient.describe(deleted));
        assertEquals("REVOKED", client.validateCode(second));
        assertThrows(ResourceNotFoundException.class, () -> current("latchkey/ci/runner-copy"),
                "the revoke function deleted the copy");
    }
}
