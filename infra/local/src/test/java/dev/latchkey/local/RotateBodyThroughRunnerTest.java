package dev.latchkey.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11: the rotate body through the runner, over HTTP. The old runner's Netty server left
 * {@code getBody(String.class)} empty, so the grace period, the policy cap and malformed JSON were all ignored there
 * while the Lambda handler honoured them; the runner now invokes the same handler with the same payload-2.0 event.
 */
class RotateBodyThroughRunnerTest {

    static LocalRunner.Running runner;
    static RunnerClient client;

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(LocalRunner.options(0, "rotate-org"));
        client = RunnerClient.of(runner);
    }

    @AfterAll
    static void stop() {
        runner.stop();
    }

    /** A fresh workspace token: {id, value}. */
    static String[] token() throws Exception {
        assertEquals(200, client.call("PUT", "/v1/organizations/rotate-org/workspaces/ws-r", null).statusCode());
        HttpResponse<String> created = client.call("POST", "/v1/organizations/rotate-org/tokens",
                "{\"name\":\"ci\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-r\",\"role\":\"WORKSPACE_AUTHOR\"}");
        assertEquals(200, created.statusCode());
        return new String[]{RunnerClient.field(created.body(), "id"), RunnerClient.field(created.body(), "token")};
    }

    static HttpResponse<String> rotate(String id, String body) throws Exception {
        return client.call("POST", "/v1/organizations/rotate-org/tokens/" + id + "/rotate", body);
    }

    @Test
    void aGracePeriodKeepsTheOldValueValid() throws Exception {
        String[] t = token();
        HttpResponse<String> rotated = rotate(t[0], "{\"gracePeriodSeconds\":60}");
        assertEquals(200, rotated.statusCode());
        assertEquals("VALID", client.validateCode(t[1]), "the old value lives through its 60 s of grace");
        assertEquals("VALID", client.validateCode(RunnerClient.field(rotated.body(), "token")));
    }

    @Test
    void thePolicyCapRefusesALongerGraceWith400AndChangesNothing() throws Exception {
        String[] t = token();
        // The cap (60) still allows the other tests' 60 s, so this runner's organization may keep it.
        assertEquals(200, client.call("PUT", "/v1/organizations/rotate-org/policy", "{\"maxGracePeriodSeconds\":60}").statusCode());
        HttpResponse<String> refused = rotate(t[0], "{\"gracePeriodSeconds\":3600}");
        assertEquals(400, refused.statusCode(), RunnerClient.describe(refused));
        assertTrue(refused.body().contains("\"statusCode\":400"), refused.body());
        assertEquals("VALID", client.validateCode(t[1]), "the value was not rotated");
    }

    @Test
    void invalidJsonIs400AndChangesNothing() throws Exception {
        String[] t = token();
        HttpResponse<String> refused = rotate(t[0], "{\"gracePeriodSeconds\":");
        assertEquals(400, refused.statusCode(), RunnerClient.describe(refused));
        assertTrue(refused.body().contains("\"statusCode\":400"), refused.body());
        assertEquals("VALID", client.validateCode(t[1]), "the value was not rotated");
    }
}
