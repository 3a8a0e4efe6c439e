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
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/organizations/{organizationId}/tokens/{tokenId}} (rename, describe) through the Lambda handler. */
class UpdateTokenHandlerTest {

    static final String ORG = "acme";
    static final String STABLE_NAME = "stable ws-a token";
    static final String STABLE_DESCRIPTION = "never renamed by these tests";

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static Backend b;
    static IssuedToken owner;
    static IssuedToken wsAOperator;
    static IssuedToken wsAAuthor;
    static IssuedToken otherOwner;
    /** The target of every rejected request: its name and description must never change. */
    static IssuedToken stable;

    @BeforeAll
    static void seed() {
        b = lambda.backend();
        Seed seed = Seed.organization(b, ORG).workspace("ws-a");
        owner = seed.ownerToken();
        wsAOperator = seed.token(Scope.WORKSPACE, "ws-a", "WORKSPACE_OPERATOR");
        wsAAuthor = seed.token(Scope.WORKSPACE, "ws-a", "WORKSPACE_AUTHOR");
        stable = create(STABLE_NAME, STABLE_DESCRIPTION);
        otherOwner = b.owner("globex");
    }

    private static IssuedToken create(String name, String description) {
        return b.bean(CreateToken.class).create(b.caller(owner), ORG,
                new CreateTokenCommand(name, description, Scope.WORKSPACE, "ws-a", "WORKSPACE_MEMBER", null, null), null);
    }

    private static String path(IssuedToken target) {
        return "/v1/organizations/" + ORG + "/tokens/" + target.token().id();
    }

    private static LambdaResponse update(IssuedToken as, IssuedToken target, String json) {
        return lambda.invoke(HttpEvent.request("POST", path(target)).bearer(as.value()).json(json));
    }

    private static JsonNode read(IssuedToken target) {
        LambdaResponse response = lambda.invoke(HttpEvent.request("GET", path(target)).bearer(owner.value()));
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    /** The stable token still has its first name, description and update time. */
    private static void assertStableUnchanged() {
        JsonNode t = read(stable);
        assertEquals(STABLE_NAME, t.get("name").asText(), "a rejected update must not rename the token");
        assertEquals(STABLE_DESCRIPTION, t.get("description").asText(), "a rejected update must not change the description");
        assertEquals(stable.token().history().updatedAt(), java.time.Instant.parse(t.get("updatedAt").asText()), "a rejected update must not touch updatedAt");
    }

    @Test
    void renameAndDescribe() {
        IssuedToken target = create("before", "old description");
        LambdaResponse response = update(owner, target, "{\"name\":\"after\",\"description\":\"new description\"}");
        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("content-type").startsWith("application/json"));
        JsonNode t = response.json();
        assertEquals(target.token().id(), t.get("id").asText());
        assertEquals("after", t.get("name").asText());
        assertEquals("new description", t.get("description").asText());
        assertEquals(owner.token().id(), t.get("updatedBy").get("id").asText());
        assertEquals("SERVICEKEY", t.get("updatedBy").get("subjectType").asText());
        assertFalse(t.has("token"), "update never shows the value");
        assertFalse(response.body().contains(target.value()));

        JsonNode stored = read(target);
        assertEquals("after", stored.get("name").asText());
        assertEquals("new description", stored.get("description").asText());
        assertEquals("WORKSPACE_MEMBER", stored.get("roles").get(0).get("role").asText(), "roles are not touched by a rename");
    }

    @Test
    void renameWithoutDescriptionKeepsTheDescription() {
        IssuedToken target = create("keeps description", "kept");
        LambdaResponse response = update(owner, target, "{\"name\":\"renamed only\"}");
        assertEquals(200, response.status(), response.body());
        assertEquals("renamed only", read(target).get("name").asText());
        assertEquals("kept", read(target).get("description").asText());
    }

    @Test
    void aWorkspaceOperatorMayRenameAWorkspaceToken() {
        IssuedToken target = create("operator renames", null);
        LambdaResponse response = update(wsAOperator, target, "{\"name\":\"renamed by operator\"}");
        assertEquals(200, response.status(), response.body());
        assertEquals("renamed by operator", read(target).get("name").asText());
        assertEquals(wsAOperator.token().id(), read(target).get("updatedBy").get("id").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"description\":\"no name\"}",
            "{\"name\":null}",
            "{\"name\":\"\"}",
            "{\"name\":\"   \"}",
            "{\"name\":\"line\\nbreak\"}",
            "{\"name\":123}",
            "{\"name\":true}",
            "{\"name\":[\"a\"]}",
            "{\"name\":{\"first\":\"a\"}}",
            "{\"name\":\"ok\",\"description\":42}",
            "{\"name\":\"ok\",\"description\":[]}",
            "{bad",
            "{\"name\":\"ok\"",
            "[1,2]",
            "[]",
            "[{\"name\":\"in an array\"}]",
            "null",
            "\"name\"",
            "42",
            ""})
    void badBodiesAre400AndChangeNothing(String body) {
        LambdaResponse response = update(owner, stable, body);
        assertEquals(400, response.status(), body + " -> " + response.body());
        response.errorBody();
        assertStableUnchanged();
    }

    // ---- network binding ---------------------------------------------------------------------------------------

    private static java.util.List<String> cidrs(JsonNode token) {
        java.util.List<String> out = new java.util.ArrayList<>();
        token.get("allowedCidrs").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static dev.latchkey.usecase.ValidateToken.Code validateFrom(IssuedToken t, String sourceIp) {
        return b.bean(dev.latchkey.usecase.ValidateToken.class).validate(t.value(), dev.latchkey.access.ResourcePath.none(), null,
                dev.latchkey.access.CidrSet.address("sourceIp", sourceIp), null).code();
    }

    @Test
    void allowedCidrsAreSetReplacedKeptAndCleared() {
        IssuedToken target = create("network", null);
        LambdaResponse set = update(owner, target, "{\"name\":\"network\",\"allowedCidrs\":[\"203.0.113.9\",\"2001:db8::/32\"]}");
        assertEquals(200, set.status(), set.body());
        assertEquals(java.util.List.of("203.0.113.9/32", "2001:db8::/32"), cidrs(set.json()));
        assertEquals(cidrs(set.json()), cidrs(read(target)));
        assertEquals(dev.latchkey.usecase.ValidateToken.Code.VALID, validateFrom(target, "203.0.113.9"));
        assertEquals(dev.latchkey.usecase.ValidateToken.Code.IP_NOT_ALLOWED, validateFrom(target, "203.0.113.10"));

        LambdaResponse replaced = update(owner, target, "{\"name\":\"network\",\"allowedCidrs\":[\"203.0.113.0/24\"]}");
        assertEquals(java.util.List.of("203.0.113.0/24"), cidrs(replaced.json()));
        assertEquals(dev.latchkey.usecase.ValidateToken.Code.VALID, validateFrom(target, "203.0.113.10"));
        assertEquals(dev.latchkey.usecase.ValidateToken.Code.IP_NOT_ALLOWED, validateFrom(target, "2001:db8::1"));

        LambdaResponse kept = update(owner, target, "{\"name\":\"renamed\"}");
        assertEquals(java.util.List.of("203.0.113.0/24"), cidrs(kept.json()), "an update without allowedCidrs keeps them");

        LambdaResponse cleared = update(owner, target, "{\"name\":\"renamed\",\"allowedCidrs\":[]}");
        assertEquals(java.util.List.of(), cidrs(cleared.json()));
        assertEquals(dev.latchkey.usecase.ValidateToken.Code.VALID, validateFrom(target, "2001:db8::1"), "the next validate is unbound");
    }

    @Test
    void aBoundTokenAuthenticatesTheManagementRoutesOnlyFromItsNetworks() {
        IssuedToken bound = b.boundToken(owner, ORG, Scope.WORKSPACE, "ws-a", "WORKSPACE_OPERATOR", "198.51.100.0/24");
        for (String route : java.util.List.of(path(stable), "/v1/whoami")) {
            LambdaResponse inside = lambda.invoke(HttpEvent.request("GET", route).bearer(bound.value()).sourceIp("198.51.100.7"));
            assertEquals(200, inside.status(), route + " " + inside.body());
            // The recorded event's client, 203.0.113.10, is outside: a stolen bound value is no management credential there.
            LambdaResponse outside = lambda.invoke(HttpEvent.request("GET", route).bearer(bound.value()));
            assertEquals(403, outside.status(), route + " " + outside.body());
            assertTrue(outside.errorBody().toString().contains("allowedCidrs"), outside.body());
        }
        LambdaResponse refusedUpdate = update(bound, stable, "{\"name\":\"from outside\"}");
        assertEquals(403, refusedUpdate.status(), refusedUpdate.body());
        assertStableUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"203.0.113.0/24\",\"nope\"]", "[\"10.0.0.1/8\"]", "[\"::/129\"]", "\"203.0.113.0/24\"", "[1]",
            "[\"example.com\"]", "{\"a\":1}", "MANY"})
    void badAllowedCidrsAre400AndChangeNothing(String cidrs) {
        IssuedToken bound = b.boundToken(owner, ORG, Scope.WORKSPACE, "ws-a", "WORKSPACE_MEMBER", "198.51.100.0/24");
        String list = cidrs.equals("MANY") ? "[" + String.join(",", java.util.Collections.nCopies(51, "\"10.0.0.0/8\"")) + "]" : cidrs;
        LambdaResponse response = update(owner, bound, "{\"name\":\"changed\",\"allowedCidrs\":" + list + "}");
        assertEquals(400, response.status(), response.body());
        if (list.startsWith("[")) {
            // A list is read entry by entry; anything else is the binder's 400 for a body of the wrong shape.
            assertTrue(response.errorBody().toString().contains("allowedCidrs"), response.body());
        } else {
            response.errorBody();
        }
        JsonNode after = read(bound);
        assertEquals(java.util.List.of("198.51.100.0/24"), cidrs(after));
        assertEquals(bound.token().name(), after.get("name").asText());
        assertEquals(dev.latchkey.usecase.ValidateToken.Code.VALID, validateFrom(bound, "198.51.100.1"));
    }

    @Test
    void aDirectAccessTokenCannotBeBound() {
        IssuedToken offline = b.bean(CreateToken.class).create(b.caller(owner), ORG, new CreateTokenCommand("offline", null,
                Scope.WORKSPACE, "ws-a", "WORKSPACE_MEMBER", 30, dev.latchkey.domain.TokenKind.DIRECT_ACCESS), null);
        LambdaResponse response = update(owner, offline, "{\"name\":\"offline\",\"allowedCidrs\":[\"10.0.0.0/8\"]}");
        assertEquals(400, response.status(), response.body());
        assertEquals("NOT_SUPPORTED", response.errorBody().get("fieldErrors").get(0).get("code").asText());
        assertEquals(java.util.List.of(), cidrs(read(offline)));
    }

    @Test
    void aNameOf257CharactersIs400() {
        LambdaResponse response = update(owner, stable, "{\"name\":\"" + "n".repeat(257) + "\"}");
        assertEquals(400, response.status(), response.body());
        JsonNode error = response.errorBody();
        assertEquals("name", error.get("fieldErrors").get(0).get("field").asText(), response.body());
        assertTrue(error.get("fieldErrors").get(0).get("message").asText().contains("256"), "names the limit: " + response.body());
        assertStableUnchanged();
    }

    @Test
    void aNameOf256CharactersIsAccepted() {
        IssuedToken target = create("long name target", null);
        String name = "n".repeat(256);
        LambdaResponse response = update(owner, target, "{\"name\":\"" + name + "\"}");
        assertEquals(200, response.status(), response.body());
        assertEquals(name, read(target).get("name").asText());
    }

    /** Astro's UpdateApiTokenRequest caps description at 500 characters. */
    @Test
    void aDescriptionOf501CharactersIs400NamingTheFieldAndTheLimit() {
        LambdaResponse response = update(owner, stable, "{\"name\":\"x\",\"description\":\"" + "d".repeat(501) + "\"}");
        assertEquals(400, response.status(), response.body());
        JsonNode error = response.errorBody();
        assertEquals("description", error.get("fieldErrors").get(0).get("field").asText(), response.body());
        assertTrue(error.get("fieldErrors").get(0).get("message").asText().contains("500"), "names the limit: " + response.body());
        assertStableUnchanged();
    }

    @Test
    void aDescriptionOf500CharactersIsAccepted() {
        IssuedToken target = create("long description target", null);
        String description = "d".repeat(500);
        LambdaResponse response = update(owner, target, "{\"name\":\"x\",\"description\":\"" + description + "\"}");
        assertEquals(200, response.status(), response.body());
        assertEquals(description, read(target).get("description").asText());
    }

    @Test
    void aDescriptionOf1001CharactersIs400() {
        LambdaResponse response = update(owner, stable, "{\"name\":\"x\",\"description\":\"" + "d".repeat(1001) + "\"}");
        assertEquals(400, response.status(), response.body());
        response.errorBody();
        assertStableUnchanged();
    }

    @Test
    void twoMebibyteBodyIs413() {
        LambdaResponse response = update(owner, stable, "{\"name\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}");
        assertEquals(413, response.status(), response.status() + " " + response.body().substring(0, Math.min(300, response.body().length())));
        response.errorBody();
        assertStableUnchanged();
    }

    @Test
    void textPlainIs415() {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", path(stable)).bearer(owner.value())
                .header("content-type", "text/plain").body("{\"name\":\"plain text rename\"}"));
        assertEquals(415, response.status(), response.body());
        response.errorBody();
        assertStableUnchanged();
    }

    @Test
    void aWorkspaceAuthorMayNotUpdateAWorkspaceToken() {
        LambdaResponse response = update(wsAAuthor, stable, "{\"name\":\"author rename\"}");
        assertEquals(403, response.status(), response.body());
        response.errorBody();
        assertStableUnchanged();

        LambdaResponse self = update(wsAAuthor, wsAAuthor, "{\"name\":\"author renames itself\"}");
        assertEquals(403, self.status(), "managing a workspace token needs WORKSPACE_OPERATOR, even one's own: " + self.body());
        self.errorBody();
        assertEquals(wsAAuthor.token().name(), read(wsAAuthor).get("name").asText());
    }

    @Test
    void anotherOrganizationIs404() {
        LambdaResponse response = update(otherOwner, stable, "{\"name\":\"hijacked\"}");
        assertEquals(404, response.status(), response.body());
        response.errorBody();
        assertFalse(response.body().contains(STABLE_NAME));
        assertStableUnchanged();
    }

    @Test
    void unknownTokenIs404AndBadIdIs400() {
        LambdaResponse unknown = lambda.invoke(HttpEvent.request("POST", "/v1/organizations/" + ORG + "/tokens/c0123456789abcdefghijklmn")
                .bearer(owner.value()).json("{\"name\":\"x\"}"));
        assertEquals(404, unknown.status(), unknown.body());
        unknown.errorBody();
        LambdaResponse bad = lambda.invoke(HttpEvent.request("POST", "/v1/organizations/" + ORG + "/tokens/c..x")
                .bearer(owner.value()).json("{\"name\":\"x\"}"));
        assertEquals(400, bad.status(), bad.body());
        bad.errorBody();
    }

    @Test
    void noBearerIs401() {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", path(stable)).json("{\"name\":\"anonymous\"}"));
        assertEquals(401, response.status(), response.body());
        response.errorBody();
        assertStableUnchanged();
    }

    /** API Gateway need not pass a {@code content-length}; the body is read from the event all the same. */
    @Test
    void aBodyWithoutAContentLengthHeaderIsRead() {
        IssuedToken target = create("before no length", "old");
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", path(target)).bearer(owner.value())
                .json("{\"name\":\"after no length\"}").without("content-length"));
        assertEquals(200, response.status(), response.body());
        assertEquals("after no length", read(target).get("name").asText());
    }
}
