package dev.latchkey.local;

import dev.latchkey.dynamodblocal.EmbeddedDynamoDb;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner on a DynamoDB it does not own. A class of its own: the endpoint is the AWS SDK's JVM-wide setting
 * ({@code aws.endpointUrlDynamoDb}), read by each function at its cold start, so one JVM runs one runner at a time.
 */
class ExternalDynamoDbRunnerTest {

    static HttpResponse<String> call(LocalRunner.Running on, String method, String path, String body) throws Exception {
        return RunnerClient.of(on).call(method, path, body);
    }

    static String field(String json, String name) {
        return RunnerClient.field(json, name);
    }

    @Test
    void onAnExternalDynamoDbTheRunnerCreatesItsTableThereAnswers503WhileItIsDownAndRecoversWithoutRestart() throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("latchkey-external");
        EmbeddedDynamoDb external = EmbeddedDynamoDb.start(0, data);
        LocalRunner.Running onExternal = LocalRunner.start(LocalRunner.options(0, "ext-org", external.endpoint()));
        try {
            assertNull(onExternal.dynamo(), "the runner started no DynamoDB of its own");
            String value = onExternal.ownerToken().value();
            String validate = "{\"token\":\"" + value + "\"}";
            assertEquals("VALID", field(call(onExternal, "POST", "/v1/validate", validate).body(), "code"));
            try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(external.endpoint())
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
                assertTrue(client.scan(r -> r.tableName("latchkey")).items().stream()
                                .anyMatch(item -> "ORG#ext-org".equals(item.get("pk").s())),
                        "the bootstrap organization is in the external table");
            }

            external.stop();
            HttpResponse<String> down = call(onExternal, "POST", "/v1/validate", validate);
            assertEquals(503, down.statusCode());
            assertTrue(down.body().contains("\"statusCode\":503") && down.body().contains("\"requestId\""), down.body());
            HttpResponse<String> managementDown = call(onExternal, "GET", "/v1/organizations/ext-org/tokens", null);
            assertEquals(503, managementDown.statusCode());

            external = EmbeddedDynamoDb.start(external.port(), data);
            assertEquals("VALID", field(call(onExternal, "POST", "/v1/validate", validate).body(), "code"),
                    "the same runner works again once the table is back");
        } finally {
            onExternal.stop();
            external.stop();
        }
    }

}
