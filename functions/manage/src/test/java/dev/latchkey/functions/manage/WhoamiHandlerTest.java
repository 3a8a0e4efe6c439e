package dev.latchkey.functions.manage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.testing.Backend;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RevokeToken;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /v1/whoami} through the Lambda handler, with payload-2.0 events as API Gateway sends them. */
class WhoamiHandlerTest {

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static IssuedToken owner;
    static IssuedToken deployer;

    @BeforeAll
    static void seed() {
        Backend b = lambda.backend();
        Seed seed = Seed.organization(b, "acme").workspace("ws-1").deployment("dep-1", "ws-1");
        owner = seed.ownerToken();
        deployer = seed.token(Scope.DEPLOYMENT, "dep-1", "DEPLOYMENT_ADMIN");
    }

    static LambdaResponse whoami(String authorization) {
        HttpEvent event = HttpEvent.request("GET", "/v1/whoami");
        if (authorization != null) {
            event.header("authorization", authorization);
        }
        return lambda.invoke(event);
    }

    static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anOwnerTokenSeesItsOwnMetadata() {
        LambdaResponse response = whoami("Bearer " + owner.value());
        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("content-type").startsWith("application/json"));
        JsonNode me = response.json();
        assertEquals(owner.token().id(), me.get("id").asText());
        assertEquals(owner.token().name(), me.get("name").asText());
        assertEquals("acme", me.get("organizationId").asText());
        assertEquals("ORGANIZATION", me.get("scope").asText());
        assertEquals("ORGANIZATION", me.get("type").asText(), "type is Astro's name for scope");
        assertEquals("STANDARD", me.get("kind").asText());
        assertEquals("acme", me.get("entityId").asText());
        assertEquals(1, me.get("roles").size());
        JsonNode role = me.get("roles").get(0);
        assertEquals("ORGANIZATION", role.get("entityType").asText());
        assertEquals("acme", role.get("entityId").asText());
        assertEquals("ORGANIZATION_OWNER", role.get("role").asText());
        assertTrue(Instant.parse(me.get("startAt").asText()).isBefore(Instant.now().plusSeconds(5)));
        assertFalse(me.has("token"), "never a value");
        assertFalse(response.body().contains(owner.value()), "never the value");
    }

    @Test
    void aDeploymentTokenAlsoShowsItsWorkspace() {
        LambdaResponse response = whoami("bearer " + deployer.value());
        assertEquals(200, response.status(), response.body());
        JsonNode me = response.json();
        assertEquals(deployer.token().id(), me.get("id").asText());
        assertEquals("DEPLOYMENT", me.get("scope").asText());
        assertEquals("dep-1", me.get("entityId").asText());
        assertEquals("ws-1", me.get("workspaceId").asText());
        assertEquals("DEPLOYMENT_ADMIN", me.get("roles").get(0).get("role").asText());
        assertTrue(fields(me).containsAll(List.of("id", "name", "organizationId", "type", "scope", "kind", "entityId",
                "workspaceId", "roles", "startAt")), fields(me).toString());
        assertFalse(response.body().contains(deployer.value()));
    }

    @Test
    void anExpiringTokenShowsItsEnd() {
        IssuedToken t = lambda.backend().bean(dev.latchkey.usecase.CreateToken.class).create(lambda.backend().caller(owner), "acme",
                new dev.latchkey.usecase.CreateTokenCommand("ci", null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", 30, null), null);
        JsonNode me = whoami("Bearer " + t.value()).json();
        Instant startAt = Instant.parse(me.get("startAt").asText());
        Instant endAt = Instant.parse(me.get("endAt").asText());
        assertEquals(30L * 24 * 3600, endAt.getEpochSecond() - startAt.getEpochSecond());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic dXNlcjpwYXNzd29yZA==", "Bearer", "Bearer ", "Bearer not-a-token",
            "Bearer lkw_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000"})
    void missingOrBadCredentialsAre401WithTheErrorBody(String authorization) {
        LambdaResponse response = whoami(authorization.isEmpty() ? null : authorization);
        assertEquals(401, response.status(), response.body());
        response.errorBody();
        assertEquals("Bearer", response.header("www-authenticate"));
    }

    @Test
    void aRevokedTokenIs401() {
        IssuedToken t = lambda.backend().token(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER");
        assertEquals(200, whoami("Bearer " + t.value()).status());
        lambda.backend().bean(RevokeToken.class).revoke(lambda.backend().caller(owner), "acme", t.token().id());
        LambdaResponse response = whoami("Bearer " + t.value());
        assertEquals(401, response.status(), response.body());
        assertEquals("The API token is invalid, expired or revoked", response.errorBody().get("message").asText());
        assertFalse(response.body().contains(t.value()));
    }

    @Test
    void aLookalikeIs401WithTheSameMessageAsAnUnknownValue() {
        String v = owner.value();
        char c = v.charAt(10);
        LambdaResponse response = whoami("Bearer " + v.substring(0, 10) + (c == 'a' ? 'b' : 'a') + v.substring(11));
        assertEquals(401, response.status());
        assertEquals("The API token is invalid, expired or revoked", response.errorBody().get("message").asText());
    }
}
