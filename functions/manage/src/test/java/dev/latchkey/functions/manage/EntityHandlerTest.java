package dev.latchkey.functions.manage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.testing.Backend;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entity registry routes ({@code PUT .../workspaces/{id}}, {@code PUT .../deployments/{id}}) through the Lambda handler. */
class EntityHandlerTest {

    static final String ORG = "acme";

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static Backend b;
    static IssuedToken owner;
    static IssuedToken wsAOwner;
    static IssuedToken wsAOperator;
    static IssuedToken otherOwner;

    @BeforeAll
    static void seed() {
        b = lambda.backend();
        Seed seed = Seed.organization(b, ORG).workspace("ws-a").workspace("ws-b").deployment("dep-a1", "ws-a");
        owner = seed.ownerToken();
        wsAOwner = seed.token(Scope.WORKSPACE, "ws-a", "WORKSPACE_OWNER");
        wsAOperator = seed.token(Scope.WORKSPACE, "ws-a", "WORKSPACE_OPERATOR");
        otherOwner = b.owner("globex");
    }

    private static LambdaResponse putWorkspace(IssuedToken as, String organizationId, String workspaceId) {
        HttpEvent e = HttpEvent.request("PUT", "/v1/organizations/" + organizationId + "/workspaces/" + workspaceId);
        return lambda.invoke(as == null ? e : e.bearer(as.value()));
    }

    private static LambdaResponse putDeployment(IssuedToken as, String organizationId, String deploymentId, String json) {
        HttpEvent e = HttpEvent.request("PUT", "/v1/organizations/" + organizationId + "/deployments/" + deploymentId).json(json);
        return lambda.invoke(as == null ? e : e.bearer(as.value()));
    }

    private static EntityRegistry registry() {
        return b.bean(EntityRegistry.class);
    }

    @Test
    void registeringAWorkspaceIsIdempotent() {
        LambdaResponse first = putWorkspace(owner, ORG, "ws-new");
        assertEquals(200, first.status(), first.body());
        assertTrue(first.header("content-type").startsWith("application/json"));
        JsonNode w = first.json();
        assertEquals("ws-new", w.get("id").asText());
        assertEquals("WORKSPACE", w.get("type").asText());
        assertEquals(ORG, w.get("organizationId").asText());
        assertTrue(w.hasNonNull("createdAt") && w.hasNonNull("updatedAt"), first.body());
        assertTrue(registry().workspace(ORG, "ws-new").isPresent());

        LambdaResponse second = putWorkspace(owner, ORG, "ws-new");
        assertEquals(200, second.status(), second.body());
        assertEquals(w.get("createdAt").asText(), second.json().get("createdAt").asText(), "registering again keeps createdAt");
        assertEquals("ws-new", second.json().get("id").asText());
    }

    @Test
    void registeringADeploymentIsIdempotent() {
        LambdaResponse first = putDeployment(owner, ORG, "dep-new", "{\"workspaceId\":\"ws-b\"}");
        assertEquals(200, first.status(), first.body());
        JsonNode d = first.json();
        assertEquals("dep-new", d.get("id").asText());
        assertEquals("DEPLOYMENT", d.get("type").asText());
        assertEquals(ORG, d.get("organizationId").asText());
        assertEquals("ws-b", d.get("workspaceId").asText());
        assertTrue(d.hasNonNull("createdAt"), first.body());
        assertEquals("ws-b", registry().deployment(ORG, "dep-new").orElseThrow().workspaceId());

        LambdaResponse second = putDeployment(owner, ORG, "dep-new", "{\"workspaceId\":\"ws-b\"}");
        assertEquals(200, second.status(), second.body());
        assertEquals(d.get("createdAt").asText(), second.json().get("createdAt").asText());
    }

    @Test
    void aWorkspaceOwnerRegistersDeploymentsInItsWorkspaceOnly() {
        LambdaResponse mine = putDeployment(wsAOwner, ORG, "dep-a-owner", "{\"workspaceId\":\"ws-a\"}");
        assertEquals(200, mine.status(), mine.body());
        assertEquals("ws-a", registry().deployment(ORG, "dep-a-owner").orElseThrow().workspaceId());

        LambdaResponse theirs = putDeployment(wsAOwner, ORG, "dep-b-by-a", "{\"workspaceId\":\"ws-b\"}");
        assertEquals(403, theirs.status(), theirs.body());
        theirs.errorBody();
        assertTrue(registry().deployment(ORG, "dep-b-by-a").isEmpty());
    }

    @Test
    void aWorkspaceOperatorMayNotRegisterADeployment() {
        LambdaResponse response = putDeployment(wsAOperator, ORG, "dep-a-operator", "{\"workspaceId\":\"ws-a\"}");
        assertEquals(403, response.status(), response.body());
        response.errorBody();
        assertTrue(registry().deployment(ORG, "dep-a-operator").isEmpty());
    }

    @Test
    void aDeploymentIntoAnUnregisteredWorkspaceIs404() {
        LambdaResponse response = putDeployment(owner, ORG, "dep-orphan", "{\"workspaceId\":\"ws-nope\"}");
        assertEquals(404, response.status(), response.body());
        response.errorBody();
        assertTrue(registry().deployment(ORG, "dep-orphan").isEmpty());
        assertTrue(registry().workspace(ORG, "ws-nope").isEmpty());
    }

    @Test
    void aDeploymentNeverMovesToAnotherWorkspace() {
        LambdaResponse response = putDeployment(owner, ORG, "dep-a1", "{\"workspaceId\":\"ws-b\"}");
        assertEquals(409, response.status(), response.body());
        response.errorBody();
        assertEquals("ws-a", registry().deployment(ORG, "dep-a1").orElseThrow().workspaceId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"workspaceId\":null}", "{\"workspaceId\":\"\"}", "{\"workspaceId\":42}",
            "{\"workspaceId\":[\"ws-a\"]}", "{\"workspaceId\":\"..\"}", "{\"workspaceId\":\"ws-a/../ws-b\"}", "{bad", "[]",
            "[{\"workspaceId\":\"ws-a\"}]", "null", "\"ws-a\"", ""})
    void badDeploymentBodiesAre400(String json) {
        LambdaResponse response = putDeployment(owner, ORG, "dep-bad-body", json);
        assertEquals(400, response.status(), json + " -> " + response.body());
        response.errorBody();
        assertTrue(registry().deployment(ORG, "dep-bad-body").isEmpty());
    }

    @Test
    void aDeploymentBodyAsTextPlainIs415() {
        LambdaResponse response = lambda.invoke(HttpEvent.request("PUT", "/v1/organizations/" + ORG + "/deployments/dep-plain")
                .bearer(owner.value()).header("content-type", "text/plain").body("{\"workspaceId\":\"ws-a\"}"));
        assertEquals(415, response.status(), response.body());
        response.errorBody();
        assertTrue(registry().deployment(ORG, "dep-plain").isEmpty());
    }

    @Test
    void aTwoMebibyteDeploymentBodyIs413() {
        LambdaResponse response = putDeployment(owner, ORG, "dep-huge", "{\"workspaceId\":\"ws-a\",\"pad\":\"" + "p".repeat(2 * 1024 * 1024) + "\"}");
        assertEquals(413, response.status(), String.valueOf(response.status()));
        response.errorBody();
        assertTrue(registry().deployment(ORG, "dep-huge").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a..b", "a%2Fb", "%2E%2E", "w12345678901234567890123456789012345678901234567890123456789012345", "-ws"})
    void badWorkspaceIdsAreRefused(String id) {
        LambdaResponse response = putWorkspace(owner, ORG, id);
        assertTrue(response.status() == 400 || response.status() == 404, id + " -> " + response.status() + " " + response.body());
        response.errorBody();
        assertTrue(registry().workspace(ORG, id).isEmpty());
        assertTrue(registry().workspace(ORG, "a/b").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a..b", "a%2Fb", "%2E%2E", "d12345678901234567890123456789012345678901234567890123456789012345", "-dep"})
    void badDeploymentIdsAreRefused(String id) {
        LambdaResponse response = putDeployment(owner, ORG, id, "{\"workspaceId\":\"ws-a\"}");
        assertTrue(response.status() == 400 || response.status() == 404, id + " -> " + response.status() + " " + response.body());
        response.errorBody();
        assertTrue(registry().deployment(ORG, id).isEmpty());
        assertTrue(registry().deployment(ORG, "a/b").isEmpty());
    }

    @Test
    void sixtyFiveCharacterIdsAre400() {
        String id = "w" + "0123456789abcdef".repeat(4);
        assertEquals(65, id.length());
        LambdaResponse ws = putWorkspace(owner, ORG, id);
        assertEquals(400, ws.status(), ws.body());
        ws.errorBody();
        LambdaResponse dep = putDeployment(owner, ORG, id, "{\"workspaceId\":\"ws-a\"}");
        assertEquals(400, dep.status(), dep.body());
        dep.errorBody();
    }

    @Test
    void onlyAnOrganizationOwnerRegistersWorkspaces() {
        LambdaResponse response = putWorkspace(wsAOwner, ORG, "ws-by-workspace-token");
        assertEquals(403, response.status(), response.body());
        response.errorBody();
        assertTrue(registry().workspace(ORG, "ws-by-workspace-token").isEmpty());
    }

    @Test
    void noBearerIs401() {
        LambdaResponse ws = putWorkspace(null, ORG, "ws-anonymous");
        assertEquals(401, ws.status(), ws.body());
        ws.errorBody();
        assertTrue(registry().workspace(ORG, "ws-anonymous").isEmpty());

        LambdaResponse dep = putDeployment(null, ORG, "dep-anonymous", "{\"workspaceId\":\"ws-a\"}");
        assertEquals(401, dep.status(), dep.body());
        dep.errorBody();
        assertTrue(registry().deployment(ORG, "dep-anonymous").isEmpty());

        LambdaResponse garbage = lambda.invoke(HttpEvent.request("PUT", "/v1/organizations/" + ORG + "/workspaces/ws-garbage")
                .header("authorization", "Bearer lko_garbage"));
        assertEquals(401, garbage.status(), garbage.body());
        garbage.errorBody();
        assertTrue(registry().workspace(ORG, "ws-garbage").isEmpty());
    }

    @Test
    void anotherOrganizationIs404() {
        LambdaResponse ws = putWorkspace(otherOwner, ORG, "ws-foreign");
        assertEquals(404, ws.status(), ws.body());
        ws.errorBody();
        assertTrue(registry().workspace(ORG, "ws-foreign").isEmpty());

        LambdaResponse dep = putDeployment(otherOwner, ORG, "dep-foreign", "{\"workspaceId\":\"ws-a\"}");
        assertEquals(404, dep.status(), dep.body());
        dep.errorBody();
        assertTrue(registry().deployment(ORG, "dep-foreign").isEmpty());
        assertFalse(dep.body().contains("ws-a\""), "no detail about the other organization's workspaces");
    }
}
