package dev.latchkey.functions.manage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.store.TokenStore;
import dev.latchkey.testing.Backend;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RoleInput;
import dev.latchkey.usecase.ValidateToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Removing a workspace or deployment revokes the tokens scoped to it and strips role entries pointing into it. */
class CascadeHandlerTest {

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static IssuedToken owner;

    @BeforeAll
    static void seed() {
        owner = lambda.backend().owner("acme");
    }

    static Set<String> ids(JsonNode array) {
        Set<String> ids = new HashSet<>();
        array.forEach(n -> ids.add(n.asText()));
        return ids;
    }

    static ValidateToken.Code code(String value) {
        return lambda.backend().bean(ValidateToken.class).validate(value, ResourcePath.none(), null).code();
    }

    @Test
    void aDryRunListsWhatTheRealRemovalThenDoes() {
        Backend b = lambda.backend();
        b.workspace("acme", "ws-gone");
        b.workspace("acme", "ws-stays");
        b.deployment("acme", "dep-gone", "ws-gone");
        IssuedToken wsToken = b.token(owner, "acme", Scope.WORKSPACE, "ws-gone", "WORKSPACE_MEMBER");
        IssuedToken depToken = b.token(owner, "acme", Scope.DEPLOYMENT, "dep-gone", "DEPLOYMENT_ADMIN");
        IssuedToken orgToken = b.token(owner, "acme", Scope.ORGANIZATION, "acme", "ORGANIZATION_MEMBER");
        b.roles(owner, orgToken, List.of(new RoleInput("ORGANIZATION", "acme", "ORGANIZATION_MEMBER", null),
                new RoleInput("WORKSPACE", "ws-gone", "WORKSPACE_AUTHOR", null),
                new RoleInput("WORKSPACE", "ws-stays", "WORKSPACE_AUTHOR", null),
                new RoleInput("DAG", "etl", "DAG_VIEWER", "dep-gone")));
        IssuedToken bystander = b.token(owner, "acme", Scope.WORKSPACE, "ws-stays", "WORKSPACE_MEMBER");

        LambdaResponse dry = lambda.invoke(HttpEvent.request("DELETE", "/v1/organizations/acme/workspaces/ws-gone?dryRun=true").bearer(owner.value()));
        assertEquals(200, dry.status(), dry.body());
        assertTrue(dry.json().get("dryRun").asBoolean());
        assertEquals(Set.of(wsToken.token().id(), depToken.token().id()), ids(dry.json().get("revokedTokens")));
        assertEquals(Set.of(orgToken.token().id()), ids(dry.json().get("rolesRemovedFrom")));
        assertEquals(Set.of("dep-gone"), ids(dry.json().get("deploymentsRemoved")));
        assertEquals(ValidateToken.Code.VALID, code(wsToken.value()), "a dry run changes nothing");
        assertEquals(4, b.bean(TokenStore.class).find("acme", orgToken.token().id()).orElseThrow().grant().roles().size());

        LambdaResponse real = lambda.invoke(HttpEvent.request("DELETE", "/v1/organizations/acme/workspaces/ws-gone").bearer(owner.value()));
        assertEquals(200, real.status(), real.body());
        assertEquals(ids(dry.json().get("revokedTokens")), ids(real.json().get("revokedTokens")));
        assertEquals(ValidateToken.Code.REVOKED, code(wsToken.value()));
        assertEquals(ValidateToken.Code.REVOKED, code(depToken.value()));
        assertEquals(ValidateToken.Code.VALID, code(orgToken.value()));
        assertEquals(ValidateToken.Code.VALID, code(bystander.value()));
        var roles = b.bean(TokenStore.class).find("acme", orgToken.token().id()).orElseThrow().grant().roles();
        assertEquals(2, roles.size(), "only the entries pointing into the workspace are gone: " + roles);
        assertTrue(b.bean(EntityRegistry.class).workspace("acme", "ws-gone").isEmpty());
        assertTrue(b.bean(EntityRegistry.class).deployment("acme", "dep-gone").isEmpty());
        assertEquals(404, lambda.invoke(HttpEvent.request("DELETE", "/v1/organizations/acme/workspaces/ws-gone").bearer(owner.value())).status());
    }

    @Test
    void removingADeploymentNeedsItsWorkspaceOwner() {
        Backend b = lambda.backend();
        b.workspace("acme", "ws-d");
        b.deployment("acme", "dep-d", "ws-d");
        IssuedToken operator = b.token(owner, "acme", Scope.WORKSPACE, "ws-d", "WORKSPACE_OPERATOR");
        IssuedToken wsOwner = b.token(owner, "acme", Scope.WORKSPACE, "ws-d", "WORKSPACE_OWNER");
        IssuedToken depToken = b.token(owner, "acme", Scope.DEPLOYMENT, "dep-d", "DEPLOYMENT_ADMIN");
        assertEquals(403, lambda.invoke(HttpEvent.request("DELETE", "/v1/organizations/acme/deployments/dep-d").bearer(operator.value())).status());
        assertEquals(ValidateToken.Code.VALID, code(depToken.value()));
        LambdaResponse r = lambda.invoke(HttpEvent.request("DELETE", "/v1/organizations/acme/deployments/dep-d").bearer(wsOwner.value()));
        assertEquals(200, r.status(), r.body());
        assertEquals(ValidateToken.Code.REVOKED, code(depToken.value()));
        assertEquals(ValidateToken.Code.VALID, code(operator.value()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/organizations/acme/workspaces/..?dryRun=true", "/v1/organizations/acme/workspaces/ws-x?dryRun=maybe",
            "/v1/organizations/acme/deployments/" + "d123456789d123456789d123456789d123456789d123456789d123456789d12345"})
    void badRemovalsAre4xx(String path) {
        LambdaResponse r = lambda.invoke(HttpEvent.request("DELETE", path).bearer(owner.value()));
        assertTrue(r.status() >= 400 && r.status() < 500, r.body());
        r.errorBody();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dryrun=true", "dry_run=true", "dryRun=true&force=false", "DRYRUN=1"})
    void aMistypedDryRunIs400AndRemovesNothing(String query) {
        Backend b = lambda.backend();
        b.workspace("acme", "ws-kept");
        IssuedToken token = b.token(owner, "acme", Scope.WORKSPACE, "ws-kept", "WORKSPACE_MEMBER");
        LambdaResponse r = lambda.invoke(HttpEvent.request("DELETE", "/v1/organizations/acme/workspaces/ws-kept?" + query).bearer(owner.value()));
        assertEquals(400, r.status(), r.body());
        JsonNode error = r.errorBody().get("fieldErrors").get(0);
        assertEquals("UNKNOWN_QUERY_PARAMETER", error.get("code").asText());
        assertTrue(r.body().contains("dryRun"), "the answer names the accepted parameter: " + r.body());
        assertTrue(b.bean(EntityRegistry.class).workspace("acme", "ws-kept").isPresent(), "the workspace is still there");
        assertEquals(ValidateToken.Code.VALID, code(token.value()), "its tokens still work");
    }

    @Test
    void unknownEntitiesAndStrangersAre404OrRefused() {
        assertEquals(404, lambda.invoke(HttpEvent.request("DELETE", "/v1/organizations/acme/workspaces/nope").bearer(owner.value())).status());
        assertEquals(404, lambda.invoke(HttpEvent.request("DELETE", "/v1/organizations/acme/deployments/nope").bearer(owner.value())).status());
        assertEquals(401, lambda.invoke(HttpEvent.request("DELETE", "/v1/organizations/acme/workspaces/nope")).status());
    }
}
