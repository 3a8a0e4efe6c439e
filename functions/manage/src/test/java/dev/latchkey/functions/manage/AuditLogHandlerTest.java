package dev.latchkey.functions.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.testing.Backend;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /v1/organizations/{organizationId}/audit-logs}: what management did, as the owner exports it. */
class AuditLogHandlerTest {

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static IssuedToken owner;
    static IssuedToken operator;
    static IssuedToken created;
    static final String PATH = "/v1/organizations/acme/audit-logs";

    @BeforeAll
    static void seed() {
        Backend b = lambda.backend();
        Seed seed = Seed.organization(b, "acme").workspace("ws-1");
        owner = seed.ownerToken();
        operator = seed.token(Scope.WORKSPACE, "ws-1", "WORKSPACE_OPERATOR");
        created = seed.token(Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER");
        // Through the handler, so the request id of the event reaches the log.
        LambdaResponse update = lambda.invoke(HttpEvent.request("POST", "/v1/organizations/acme/tokens/" + created.token().id())
                .bearer(owner.value()).json("{\"name\":\"renamed\"}"));
        assertEquals(200, update.status());
        LambdaResponse denied = lambda.invoke(HttpEvent.request("PUT", "/v1/organizations/acme/workspaces/ws-2").bearer(operator.value()));
        assertEquals(403, denied.status());
    }

    static List<JsonNode> events(LambdaResponse r) {
        List<JsonNode> list = new ArrayList<>();
        r.json().get("events").forEach(list::add);
        return list;
    }

    @Test
    void theOwnerSeesCreatesUpdatesAndRefusalsWithTheirRequestIds() {
        LambdaResponse r = lambda.invoke(HttpEvent.request("GET", PATH).bearer(owner.value()));
        assertEquals(200, r.status(), r.body());
        List<JsonNode> events = events(r);
        assertTrue(events.stream().anyMatch(e -> e.get("action").asText().equals("CREATE")
                && created.token().id().equals(e.path("tokenId").asText()) && e.get("outcome").asText().equals("SUCCEEDED")));
        JsonNode update = events.stream().filter(e -> e.get("action").asText().equals("UPDATE")).findFirst().orElseThrow();
        assertEquals(owner.token().id(), update.get("actorId").asText());
        assertEquals("Jd1ZrhqJjoEEMxQ=", update.get("requestId").asText(), "the API Gateway request id reaches the log");
        JsonNode refusal = events.stream().filter(e -> e.get("outcome").asText().equals("DENIED")).findFirst().orElseThrow();
        assertEquals(operator.token().id(), refusal.get("actorId").asText());
        assertEquals("REGISTER_ENTITY", refusal.get("action").asText());
        for (IssuedToken t : List.of(owner, operator, created)) {
            assertFalse(r.body().contains(t.value().substring(4)), "the audit log never holds a token value");
        }
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() throws Exception {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            LambdaResponse r = lambda.invoke(HttpEvent.request("GET", PATH + "?limit=1" + (cursor == null ? "" : "&cursor=" + cursor.replace("#", "%23")))
                    .bearer(owner.value()));
            assertEquals(200, r.status(), r.body());
            for (JsonNode e : events(r)) {
                assertTrue(ids.add(e.get("id").asText()), "no event twice");
            }
            cursor = r.json().get("nextCursor").isNull() ? null : r.json().get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 50);
        LambdaResponse all = lambda.invoke(HttpEvent.request("GET", PATH + "?limit=1000").bearer(owner.value()));
        assertEquals(events(all).size(), ids.size());
        assertTrue(ids.size() >= 4);
    }

    @Test
    void jsonLinesExportOneEventPerLine() throws Exception {
        LambdaResponse r = lambda.invoke(HttpEvent.request("GET", PATH + "?format=jsonl").bearer(owner.value()));
        assertEquals(200, r.status());
        assertTrue(r.header("content-type").startsWith("application/x-ndjson"));
        String[] lines = r.body().strip().split("\n");
        assertTrue(lines.length >= 4);
        for (String line : lines) {
            assertTrue(new ObjectMapper().readTree(line).has("action"));
        }
    }

    @Test
    void aTimeRangeNarrowsTheExport() {
        LambdaResponse r = lambda.invoke(HttpEvent.request("GET", PATH + "?to=2000-01-01T00:00:00Z").bearer(owner.value()));
        assertEquals(200, r.status());
        assertEquals(0, events(r).size());
    }

    @Test
    void onlyOrganizationOwnersReadIt() {
        assertEquals(403, lambda.invoke(HttpEvent.request("GET", PATH).bearer(operator.value())).status());
        assertEquals(401, lambda.invoke(HttpEvent.request("GET", PATH)).status());
        IssuedToken other = lambda.backend().owner("globex");
        assertEquals(404, lambda.invoke(HttpEvent.request("GET", PATH).bearer(other.value())).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"from=yesterday", "to=12", "limit=0", "limit=1001", "limit=x", "cursor=..%2F..", "format=xml",
            "from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z",
            // Well-formed cursors outside the range asked for (DynamoDB refuses a start key outside the key condition).
            "cursor=999999999999999%23zzzzzzzzzz", "cursor=000000000000000%23aaaaaaaaaa&from=2000-01-01T00:00:00Z",
            "cursor=946684800000000%23aaaaaaaaaa&to=2000-01-01T00:00:00Z",
            // Instants Java parses but no event id can carry (epoch milliseconds overflow, or negative).
            "from=-999999999-01-01T00:00:00Z", "to=%2B999999999-12-31T23:59:59Z", "from=1969-12-31T23:59:59Z",
            "to=%2B10000-01-01T00:00:00Z"})
    void badQueriesAre400(String query) {
        LambdaResponse r = lambda.invoke(HttpEvent.request("GET", PATH + "?" + query).bearer(owner.value()));
        assertEquals(400, r.status(), r.body());
        r.errorBody();
    }
}
