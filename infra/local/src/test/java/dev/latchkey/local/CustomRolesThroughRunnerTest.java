package dev.latchkey.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A custom role end to end over HTTP, each function from its own zip: the manage function defines and edits it, the
 * create function assigns it by name, and the validate function answers from the permissions copied into the hash
 * item. The handler tests ask validate through its use case; this is the path a deployed service takes.
 */
class CustomRolesThroughRunnerTest {

    static final String ORG = "roles-org";
    static final String BASE = "/v1/organizations/" + ORG;

    static LocalRunner.Running runner;
    static RunnerClient client;

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunner.start(LocalRunner.options(0, ORG));
        client = RunnerClient.of(runner);
        assertEquals(200, client.call("PUT", BASE + "/workspaces/ws-r", null).statusCode());
        assertEquals(200, client.call("PUT", BASE + "/deployments/dep-r", "{\"workspaceId\":\"ws-r\"}").statusCode());
    }

    @AfterAll
    static void stop() {
        runner.stop();
    }

    private static String validate(String value, String permission) throws Exception {
        HttpResponse<String> answer = client.call("POST", "/v1/validate", "{\"token\":\"" + value + "\",\"organizationId\":\""
                + ORG + "\",\"deploymentId\":\"dep-r\",\"permission\":\"" + permission + "\"}");
        assertEquals(200, answer.statusCode(), RunnerClient.describe(answer));
        return RunnerClient.field(answer.body(), "code");
    }

    @Test
    void aRoleDefinedAssignedByNameAndEditedIsWhatValidateAnswersNext() throws Exception {
        HttpResponse<String> role = client.call("POST", BASE + "/roles",
                "{\"name\":\"Shipper\",\"scopeType\":\"DEPLOYMENT\",\"permissions\":[\"deployment.read\",\"deployment.deploy\"]}");
        assertEquals(200, role.statusCode(), RunnerClient.describe(role));
        String roleId = RunnerClient.field(role.body(), "id");

        HttpResponse<String> created = client.call("POST", BASE + "/tokens",
                "{\"name\":\"ship\",\"scope\":\"DEPLOYMENT\",\"entityId\":\"dep-r\",\"role\":\"Shipper\"}");
        assertEquals(200, created.statusCode(), RunnerClient.describe(created));
        String value = RunnerClient.field(created.body(), "token");
        assertEquals("VALID", validate(value, "deployment.deploy"));
        assertEquals("INSUFFICIENT_PERMISSIONS", validate(value, "deployment.update"), "not in the role");

        HttpResponse<String> edited = client.call("POST", BASE + "/roles/" + roleId,
                "{\"name\":\"Shipper\",\"permissions\":[\"deployment.read\"]}");
        assertEquals(200, edited.statusCode(), RunnerClient.describe(edited));
        assertEquals("INSUFFICIENT_PERMISSIONS", validate(value, "deployment.deploy"), "the very next validate after the edit");
        assertEquals("VALID", validate(value, "deployment.read"));

        HttpResponse<String> inUse = client.call("DELETE", BASE + "/roles/" + roleId, null);
        assertEquals(409, inUse.statusCode(), RunnerClient.describe(inUse));
        assertEquals(204, client.call("DELETE", BASE + "/roles/" + roleId + "?force=true", null).statusCode());
        assertEquals("INSUFFICIENT_PERMISSIONS", validate(value, "deployment.read"), "stripped from its holder");
    }
}
