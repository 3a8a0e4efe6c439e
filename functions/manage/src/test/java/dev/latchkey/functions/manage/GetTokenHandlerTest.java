package dev.latchkey.functions.manage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.testing.Backend;
import dev.latchkey.usecase.CreateToken;
import dev.latchkey.usecase.CreateTokenCommand;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RoleInput;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /v1/organizations/{organizationId}/tokens/{tokenId}} through the Lambda handler. */
class GetTokenHandlerTest {

    static final String ORG = "acme";

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static IssuedToken owner;
    static IssuedToken wsA;
    static IssuedToken wsAAuthor;
    static IssuedToken wsAOperator;
    static IssuedToken wsBOperator;
    static IssuedToken orgPlain;
    static IssuedToken orgInWsA;
    static IssuedToken otherOwner;

    @BeforeAll
    static void seed() {
        Backend b = lambda.backend();
        Seed seed = Seed.organization(b, ORG).workspace("ws-a").workspace("ws-b").deployment("dep-a1", "ws-a");
        owner = seed.ownerToken();
        wsA = b.bean(CreateToken.class).create(b.caller(owner), ORG, new CreateTokenCommand("ci pipeline ws-a",
                "deploys ws-a from CI", Scope.WORKSPACE, "ws-a", "WORKSPACE_MEMBER", 90, null), null);
        wsAAuthor = seed.token(Scope.WORKSPACE, "ws-a", "WORKSPACE_AUTHOR");
        wsAOperator = seed.token(Scope.WORKSPACE, "ws-a", "WORKSPACE_OPERATOR");
        wsBOperator = seed.token(Scope.WORKSPACE, "ws-b", "WORKSPACE_OPERATOR");
        orgPlain = seed.token(Scope.ORGANIZATION, ORG, "ORGANIZATION_MEMBER");
        orgInWsA = seed.token(Scope.ORGANIZATION, ORG, "ORGANIZATION_BILLING_ADMIN");
        b.roles(owner, orgInWsA, List.of(new RoleInput("ORGANIZATION", ORG, "ORGANIZATION_BILLING_ADMIN", null),
                new RoleInput("WORKSPACE", "ws-a", "WORKSPACE_MEMBER", null)));
        otherOwner = b.owner("globex");
    }

    private static LambdaResponse get(IssuedToken as, String organizationId, String tokenId) {
        return lambda.invoke(HttpEvent.request("GET", "/v1/organizations/" + organizationId + "/tokens/" + tokenId).bearer(as.value()));
    }

    @Test
    void getShowsTheApiTokenWithoutItsValue() {
        LambdaResponse response = get(owner, ORG, wsA.token().id());
        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("content-type").startsWith("application/json"));
        JsonNode t = response.json();
        assertEquals(wsA.token().id(), t.get("id").asText());
        assertEquals("ci pipeline ws-a", t.get("name").asText());
        assertEquals("deploys ws-a from CI", t.get("description").asText());
        assertEquals("WORKSPACE", t.get("scope").asText());
        assertEquals("WORKSPACE", t.get("type").asText(), "Astro's type beside scope");
        assertEquals("STANDARD", t.get("kind").asText());
        assertEquals("ws-a", t.get("entityId").asText());
        assertEquals(90, t.get("expiryPeriodInDays").asInt());
        assertTrue(t.hasNonNull("startAt") && t.hasNonNull("endAt") && t.hasNonNull("createdAt") && t.hasNonNull("updatedAt"), response.body());
        assertTrue(t.get("shortToken").asText().startsWith("lkw_"), "shortToken is prefix + last 4");
        assertTrue(t.get("shortToken").asText().endsWith(wsA.value().substring(wsA.value().length() - 4)));
        assertEquals(1, t.get("roles").size());
        JsonNode role = t.get("roles").get(0);
        assertEquals("WORKSPACE", role.get("entityType").asText());
        assertEquals("ws-a", role.get("entityId").asText());
        assertEquals("WORKSPACE_MEMBER", role.get("role").asText());
        assertEquals(owner.token().id(), t.get("createdBy").get("id").asText());
        assertEquals("SERVICEKEY", t.get("createdBy").get("subjectType").asText());
        assertEquals(owner.token().name(), t.get("createdBy").get("apiTokenName").asText());
        assertEquals("SERVICEKEY", t.get("updatedBy").get("subjectType").asText());
        assertFalse(t.has("token"), "GET never carries the value");
        assertFalse(response.body().contains(wsA.value()), "GET never echoes the value");
        assertFalse(response.body().contains(owner.value()), "GET never echoes the caller's value");
    }

    @Test
    void aCallerMayReadItself() {
        LambdaResponse response = get(wsAAuthor, ORG, wsAAuthor.token().id());
        assertEquals(200, response.status(), response.body());
        assertEquals(wsAAuthor.token().id(), response.json().get("id").asText());
        assertFalse(response.json().has("token"));
    }

    @Test
    void aWorkspaceOperatorReadsWorkspaceTokensAndOrgTokensWithARoleThere() {
        LambdaResponse ws = get(wsAOperator, ORG, wsA.token().id());
        assertEquals(200, ws.status(), ws.body());
        LambdaResponse org = get(wsAOperator, ORG, orgInWsA.token().id());
        assertEquals(200, org.status(), org.body());
        assertEquals(orgInWsA.token().id(), org.json().get("id").asText());
    }

    @Test
    void unknownWellFormedIdIs404() {
        String unknown = "c" + "0123456789abcdefghijklmn";
        assertEquals(25, unknown.length());
        LambdaResponse response = get(owner, ORG, unknown);
        assertEquals(404, response.status(), response.body());
        response.errorBody();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cabc..def", "a..b", "c0123456789abcdefghijkl..", "-abc", "a%20b"})
    void badIdsAre400(String id) {
        LambdaResponse response = get(owner, ORG, id);
        assertEquals(400, response.status(), id + " -> " + response.body());
        response.errorBody();
    }

    @Test
    void aSixtyFiveCharacterIdIs400() {
        String id = "c" + "0123456789abcdef".repeat(4);
        assertEquals(65, id.length());
        LambdaResponse response = get(owner, ORG, id);
        assertEquals(400, response.status(), response.body());
        response.errorBody();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "%2E%2E", "..%2F..%2Fglobex%2Ftokens"})
    void dotDotAsTheWholeIdIsRefusedNotResolved(String id) {
        LambdaResponse response = get(owner, ORG, id);
        assertTrue(response.status() == 400 || response.status() == 404, id + " -> " + response.status() + " " + response.body());
        response.errorBody();
        assertFalse(response.body().contains("\"tokens\""), "must not be served as another route");
    }

    @Test
    void anIdThatCannotExistIs404() {
        LambdaResponse response = get(owner, ORG, "a".repeat(64));
        assertEquals(404, response.status(), response.body());
        response.errorBody();
    }

    @Test
    void anotherOrganizationsTokenIs404() {
        LambdaResponse response = get(otherOwner, ORG, wsA.token().id());
        assertEquals(404, response.status(), response.body());
        response.errorBody();
        assertFalse(response.body().contains("ci pipeline ws-a"), "no data of the other organization");

        LambdaResponse reverse = get(owner, "globex", otherOwner.token().id());
        assertEquals(404, reverse.status(), reverse.body());
        reverse.errorBody();
        assertFalse(reverse.body().contains(otherOwner.token().name()));

        // The right token id under the wrong organization in the path is not found either.
        LambdaResponse crossed = get(owner, ORG, otherOwner.token().id());
        assertEquals(404, crossed.status(), crossed.body());
        crossed.errorBody();
    }

    @Test
    void aCallerThatMayNotSeeTheTokenGets403() {
        LambdaResponse authorOnOrg = get(wsAAuthor, ORG, orgPlain.token().id());
        assertEquals(403, authorOnOrg.status(), authorOnOrg.body());
        authorOnOrg.errorBody();
        assertFalse(authorOnOrg.body().contains(orgPlain.token().name()));

        LambdaResponse authorOnWorkspace = get(wsAAuthor, ORG, wsA.token().id());
        assertEquals(403, authorOnWorkspace.status(), authorOnWorkspace.body());
        authorOnWorkspace.errorBody();
        assertFalse(authorOnWorkspace.body().contains("ci pipeline ws-a"));

        LambdaResponse otherWorkspace = get(wsBOperator, ORG, wsA.token().id());
        assertEquals(403, otherWorkspace.status(), otherWorkspace.body());
        otherWorkspace.errorBody();

        LambdaResponse operatorOnPlainOrg = get(wsAOperator, ORG, orgPlain.token().id());
        assertEquals(403, operatorOnPlainOrg.status(), operatorOnPlainOrg.body());
        operatorOnPlainOrg.errorBody();

        LambdaResponse operatorOnOwner = get(wsAOperator, ORG, owner.token().id());
        assertEquals(403, operatorOnOwner.status(), operatorOnOwner.body());
        operatorOnOwner.errorBody();
    }

    @Test
    void noBearerIs401() {
        LambdaResponse response = lambda.invoke(HttpEvent.request("GET", "/v1/organizations/" + ORG + "/tokens/" + wsA.token().id()));
        assertEquals(401, response.status(), response.body());
        response.errorBody();
        assertFalse(response.body().contains("ci pipeline ws-a"));
    }

    @Test
    void aTamperedBearerIs401() {
        String v = owner.value();
        String tampered = v.substring(0, v.length() - 1) + (v.endsWith("A") ? "B" : "A");
        LambdaResponse response = lambda.invoke(HttpEvent.request("GET", "/v1/organizations/" + ORG + "/tokens/" + wsA.token().id())
                .bearer(tampered));
        assertEquals(401, response.status(), response.body());
        response.errorBody();
    }
}
