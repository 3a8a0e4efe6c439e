package dev.latchkey.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The runner's {@code --events-file}: the template's schedule function, run as the runner's schedule runs it, writes
 * its hygiene events there as JSON lines (a leak report's revocation, a token within its expiry notice).
 */
class EventsFileRunnerTest {

    static final String SCHEDULE = "RotationScheduleFunction";
    static final ObjectMapper JSON = new ObjectMapper();
    static Path events;
    static LocalRunner.Running runner;
    static RunnerClient client;

    @BeforeAll
    static void start() throws Exception {
        events = Files.createTempDirectory("runner-events").resolve("events.jsonl");
        runner = LocalRunner.start(new RunnerOptions(0, null, "events-org", 0, 0, null, false, events.toString()));
        client = RunnerClient.of(runner);
    }

    @AfterAll
    static void stop() {
        runner.stop();
    }

    static List<JsonNode> lines() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.exists(events) ? Files.readAllLines(events) : List.<String>of()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    static String[] token(String name, Integer expiryDays) throws Exception {
        HttpResponse<String> created = client.call("POST", "/v1/organizations/events-org/tokens", "{\"name\":\"" + name
                + "\",\"scope\":\"ORGANIZATION\",\"entityId\":\"events-org\",\"role\":\"ORGANIZATION_MEMBER\""
                + (expiryDays == null ? "" : ",\"tokenExpiryPeriodInDays\":" + expiryDays) + "}");
        assertEquals(200, created.statusCode(), created.body());
        return new String[]{RunnerClient.field(created.body(), "id"), RunnerClient.field(created.body(), "token")};
    }

    @Test
    void theScheduleWritesItsEventsToTheFile() throws Exception {
        String[] expiring = token("expiring", 3);
        String[] leaked = token("leaked", null);
        HttpResponse<String> reported = client.callAs(null, "POST", "/v1/credentials/revoke", "{\"credentials\":[\"" + leaked[1] + "\"]}");
        assertEquals(200, reported.statusCode(), reported.body());
        assertEquals(List.of(), lines(), "the leak route sends nothing itself");

        runner.function(SCHEDULE).invoke(LocalRunner.scheduledEvent(SCHEDULE));
        runner.function(SCHEDULE).invoke(LocalRunner.scheduledEvent(SCHEDULE));

        List<JsonNode> got = lines();
        assertEquals(2, got.size(), got.toString());
        List<String> seen = new ArrayList<>();
        for (JsonNode e : got) {
            assertEquals("latchkey", e.get("source").asText());
            seen.add(e.get("detail-type").asText() + " " + e.get("detail").get("tokenId").asText());
        }
        assertEquals(List.of("Token Expiring " + expiring[0], "Token Leak Revoked " + leaked[0]), seen.stream().sorted().toList());
        String all = Files.readString(events);
        assertFalse(all.contains(expiring[1]) || all.contains(leaked[1]), "never a token value");
    }

    @Test
    void theOptionParses() {
        assertEquals("-", RunnerOptions.parse(new String[]{"--events-file", "-"}).eventsFile());
        assertEquals("/tmp/e.jsonl", RunnerOptions.parse(new String[]{"--events-file", "/tmp/e.jsonl"}).eventsTarget());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RunnerOptions.parse(new String[]{"--events-file"}));
    }
}
