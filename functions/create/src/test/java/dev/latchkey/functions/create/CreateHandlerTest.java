package dev.latchkey.functions.create;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.store.TokenStore;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.LocalSecretsManager;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.ValidateToken;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/organizations/{organizationId}/tokens} through the Lambda handler, with payload-2.0 events as API
 * Gateway sends them. Token values are never put into assertion messages.
 */
class CreateHandlerTest {

    static final String ORG = "acme";
    static final String OTHER_ORG = "globex";
    static final String PATH = "/v1/organizations/" + ORG + "/tokens";

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static IssuedToken owner;
    static IssuedToken operator;
    static IssuedToken author;
    static IssuedToken otherOwner;

    @BeforeAll
    static void seed() {
        Backend b = lambda.backend();
        Seed seed = Seed.organization(b, ORG).workspace("ws-data").workspace("ws-web").deployment("dep-etl", "ws-data");
        owner = seed.ownerToken();
        operator = seed.token(Scope.WORKSPACE, "ws-data", "WORKSPACE_OPERATOR");
        author = seed.token(Scope.WORKSPACE, "ws-data", "WORKSPACE_AUTHOR");
        otherOwner = b.owner(OTHER_ORG);
        b.workspace(OTHER_ORG, "ws-data");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The body for an assertion message, unless it is a success that may carry a token value. */
    static String describe(LambdaResponse response) {
        return response.status() >= 400 ? response.body() : "status " + response.status() + " (body withheld: it may carry a token value)";
    }

    static LambdaResponse create(IssuedToken as, String body) {
        return lambda.invoke(HttpEvent.request("POST", PATH).bearer(as.value()).json(body));
    }

    static int count(String organizationId) {
        return lambda.backend().bean(TokenStore.class).list(organizationId).size();
    }

    /** Validate as the validate function would, now ({@link LambdaHarness#validateNow}). */
    static ValidateToken.Code validate(String value) {
        return lambda.validateNow(value);
    }

    static String workspaceBody(String name, String role) {
        return "{\"name\":\"" + name + "\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-data\",\"role\":\"" + role + "\"}";
    }

    /** A 4xx with the error body of docs/design.md §8, and not one token more in the organization. */
    static JsonNode assertRefused(int status, LambdaResponse response, int countBefore) {
        return assertRefused(status, response, countBefore, "");
    }

    static JsonNode assertRefused(int status, LambdaResponse response, int countBefore, String what) {
        assertEquals(status, response.status(), what + ": " + describe(response));
        assertTrue(response.header("content-type").startsWith("application/json"), "errors are JSON");
        JsonNode error = response.errorBody();
        assertFalse(error.has("token"), "an error never carries a token value");
        assertEquals(countBefore, count(ORG), "a refused create must not leave a token behind");
        return error;
    }

    // ---- success ------------------------------------------------------------------------------------------------

    @Test
    void recordedEventCreatesAWorkspaceToken() throws IOException {
        String event;
        try (InputStream in = getClass().getResourceAsStream("/events/create-workspace-token.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${AUTH}", owner.value());
        }
        int before = count(ORG);
        LambdaResponse response = lambda.invoke(event);
        assertEquals(200, response.status(), "status");
        assertTrue(response.header("content-type").startsWith("application/json"));
        JsonNode body = response.json();
        assertEquals("WORKSPACE", body.get("scope").asText(), "Astro's type is the scope");
        assertEquals("ws-data", body.get("entityId").asText());
        assertEquals("ci-deploy ws-data", body.get("name").asText());
        assertEquals("Deploys from the data team CI pipeline", body.get("description").asText());
        assertEquals(90, body.get("expiryPeriodInDays").asInt());
        assertNotNull(body.get("endAt"), "an expiry period sets endAt");
        assertEquals("WORKSPACE_AUTHOR", body.get("roles").get(0).get("role").asText());
        String value = body.get("token").asText();
        assertTrue(value.startsWith("lkw_"), "a workspace token's value starts with lkw_");
        assertEquals(ValidateToken.Code.VALID, validate(value));
        assertEquals(before + 1, count(ORG));
    }

    @ParameterizedTest
    @CsvSource({
            "ORGANIZATION, , ORGANIZATION_MEMBER, lko_, ORGANIZATION, acme",
            "WORKSPACE, ws-data, WORKSPACE_MEMBER, lkw_, WORKSPACE, ws-data",
            "DEPLOYMENT, dep-etl, DEPLOYMENT_ADMIN, lkd_, DEPLOYMENT, dep-etl"})
    void createAnswers200WithTheApiTokenAndItsValueOnce(String scope, String entityId, String role, String prefix,
                                                      String entityType, String ownEntity) {
        int before = count(ORG);
        String body = "{\"name\":\"shape " + scope + "\",\"description\":\"made by the handler test\",\"scope\":\"" + scope + "\","
                + (entityId == null ? "" : "\"entityId\":\"" + entityId + "\",")
                + "\"role\":\"" + role + "\",\"tokenExpiryPeriodInDays\":30}";
        LambdaResponse response = create(owner, body);

        assertEquals(200, response.status(), "create is 200, not 201");
        assertTrue(response.header("content-type").startsWith("application/json"), "content-type");
        JsonNode t = response.json();
        String id = t.get("id").asText();
        assertTrue(id.matches("c[0-9a-z]{24}"), "id is 25 lowercase characters starting with c: " + id);
        assertEquals("shape " + scope, t.get("name").asText());
        assertEquals("made by the handler test", t.get("description").asText());
        assertEquals(scope, t.get("scope").asText());
        assertEquals("STANDARD", t.get("kind").asText());
        assertEquals(ownEntity, t.get("entityId").asText());
        assertEquals(30, t.get("expiryPeriodInDays").asInt());
        for (String field : new String[]{"startAt", "endAt", "createdAt", "updatedAt"}) {
            assertTrue(t.hasNonNull(field), field + " is set");
        }
        assertFalse(t.hasNonNull("lastRotatedAt"), "a new token has not been rotated");

        assertTrue(t.hasNonNull("token"), "create is the one answer that carries the value");
        String value = t.get("token").asText();
        assertTrue(value.startsWith(prefix), "the value starts with " + prefix);
        assertTrue(value.length() > 40, "the value carries at least 256 random bits");
        String shortToken = t.get("shortToken").asText();
        assertTrue(shortToken.startsWith(prefix), "shortToken keeps the prefix: " + shortToken);
        assertTrue(shortToken.endsWith(value.substring(value.length() - 4)), "shortToken ends with the value's last 4 characters");
        assertFalse(shortToken.contains(value.substring(prefix.length(), prefix.length() + 12)), "shortToken hides the random part");

        JsonNode roles = t.get("roles");
        assertEquals(1, roles.size(), "one role on the token's own entity");
        assertEquals(entityType, roles.get(0).get("entityType").asText());
        assertEquals(ownEntity, roles.get(0).get("entityId").asText());
        assertEquals(role, roles.get(0).get("role").asText());

        for (String actor : new String[]{"createdBy", "updatedBy"}) {
            assertEquals("SERVICEKEY", t.get(actor).get("subjectType").asText(), actor);
            assertEquals(owner.token().id(), t.get(actor).get("id").asText(), actor + " is the calling token");
            assertEquals(owner.token().name(), t.get(actor).get("apiTokenName").asText(), actor);
        }

        assertEquals(ValidateToken.Code.VALID, validate(value), "the new value validates");
        assertEquals(before + 1, count(ORG));
        assertTrue(lambda.backend().bean(TokenStore.class).find(ORG, id).isPresent(), "the token is stored under its id");
    }

    @Test
    void typeIsAcceptedAsAnAliasOfScope() {
        int before = count(ORG);
        LambdaResponse response = create(owner,
                "{\"name\":\"via type\",\"type\":\"WORKSPACE\",\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\"}");
        assertEquals(200, response.status(), describe(response));
        assertEquals("WORKSPACE", response.json().get("scope").asText());
        assertEquals("WORKSPACE", response.json().get("type").asText());
        assertTrue(response.json().get("token").asText().startsWith("lkw_"), "workspace value");
        assertEquals(before + 1, count(ORG));
    }

    @Test
    void scopeAndTypeAgreeingIsFine() {
        LambdaResponse response = create(owner, "{\"name\":\"both\",\"scope\":\"WORKSPACE\",\"type\":\"WORKSPACE\","
                + "\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\"}");
        assertEquals(200, response.status(), describe(response));
        assertEquals("WORKSPACE", response.json().get("scope").asText());
    }

    @Test
    void aWorkspaceOperatorMayCreateWorkspaceTokensUpToItsOwnRole() {
        int before = count(ORG);
        LambdaResponse response = create(operator, workspaceBody("by operator", "WORKSPACE_OPERATOR"));
        assertEquals(200, response.status(), describe(response));
        assertEquals(operator.token().id(), response.json().get("createdBy").get("id").asText());
        assertEquals(before + 1, count(ORG));
    }

    // ---- authentication and authorization ----------------------------------------------------------------------

    @Test
    void noBearerIs401() {
        int before = count(ORG);
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", PATH).json(workspaceBody("anon", "WORKSPACE_MEMBER")));
        assertRefused(401, response, before);
        assertEquals("Bearer", response.header("www-authenticate"));
    }

    @Test
    void badBearerIs401() {
        int before = count(ORG);
        String revokedLookalike = "lkw_" + "A".repeat(43) + "000000";
        for (String auth : new String[]{"Bearer not-a-token", "Bearer " + revokedLookalike, "Basic dXNlcjpwYXNz", "Bearer "}) {
            LambdaResponse response = lambda.invoke(HttpEvent.request("POST", PATH).header("authorization", auth)
                    .json(workspaceBody("bad auth", "WORKSPACE_MEMBER")));
            assertRefused(401, response, before);
        }
    }

    @Test
    void aWorkspaceAuthorMayNotCreateWorkspaceTokens() {
        int before = count(ORG);
        assertRefused(403, create(author, workspaceBody("by author", "WORKSPACE_MEMBER")), before);
    }

    @Test
    void aWorkspaceOperatorMayNotGrantWorkspaceOwner() {
        int before = count(ORG);
        assertRefused(403, create(operator, workspaceBody("escalation", "WORKSPACE_OWNER")), before);
    }

    @Test
    void aWorkspaceOperatorMayNotCreateDeploymentTokens() {
        int before = count(ORG);
        assertRefused(403, create(operator,
                "{\"name\":\"dep by operator\",\"scope\":\"DEPLOYMENT\",\"entityId\":\"dep-etl\",\"role\":\"DEPLOYMENT_ADMIN\"}"), before);
    }

    @Test
    void aWorkspaceOperatorMayNotCreateOrganizationTokens() {
        int before = count(ORG);
        assertRefused(403, create(operator, "{\"name\":\"org by operator\",\"scope\":\"ORGANIZATION\",\"role\":\"ORGANIZATION_MEMBER\"}"), before);
    }

    @Test
    void unregisteredWorkspaceIs404() {
        int before = count(ORG);
        assertRefused(404, create(owner,
                "{\"name\":\"nowhere\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-nope\",\"role\":\"WORKSPACE_MEMBER\"}"), before);
    }

    @Test
    void unregisteredDeploymentIs404() {
        int before = count(ORG);
        assertRefused(404, create(owner,
                "{\"name\":\"nowhere\",\"scope\":\"DEPLOYMENT\",\"entityId\":\"dep-nope\",\"role\":\"DEPLOYMENT_ADMIN\"}"), before);
    }

    @Test
    void anotherOrganizationsOwnerGets404() {
        int before = count(ORG);
        int theirs = count(OTHER_ORG);
        LambdaResponse response = create(otherOwner, workspaceBody("cross-tenant", "WORKSPACE_MEMBER"));
        assertRefused(404, response, before);
        assertFalse(response.body().contains("ws-data") && response.body().contains("registered"),
                "a 404 for another organization says nothing about its entities");
        assertEquals(theirs, count(OTHER_ORG), "nor is a token made in the caller's own organization");
    }

    @Test
    void anUnknownOrganizationIs404() {
        int before = count(ORG);
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/organizations/initech/tokens")
                .bearer(owner.value()).json(workspaceBody("elsewhere", "WORKSPACE_MEMBER")));
        assertRefused(404, response, before);
    }

    // ---- idempotency --------------------------------------------------------------------------------------------

    @Test
    void sameIdempotencyKeyAndBodyReplaysTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        String body = workspaceBody("idempotent", "WORKSPACE_MEMBER");
        int before = count(ORG);

        LambdaResponse first = lambda.invoke(HttpEvent.request("POST", PATH).bearer(owner.value())
                .header("Idempotency-Key", key).json(body));
        LambdaResponse second = lambda.invoke(HttpEvent.request("POST", PATH).bearer(owner.value())
                .header("Idempotency-Key", key).json(body));

        assertEquals(200, first.status(), "first");
        assertEquals(200, second.status(), "replay");
        assertEquals(first.json().get("id").asText(), second.json().get("id").asText(), "same token id");
        assertTrue(first.json().get("token").asText().equals(second.json().get("token").asText()),
                "the replay carries the same value");
        assertEquals(first.json().get("shortToken").asText(), second.json().get("shortToken").asText());
        assertEquals(before + 1, count(ORG), "one token for two requests with one key");
        assertEquals(ValidateToken.Code.VALID, validate(second.json().get("token").asText()));
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIs409() {
        String key = UUID.randomUUID().toString();
        LambdaResponse first = lambda.invoke(HttpEvent.request("POST", PATH).bearer(owner.value())
                .header("Idempotency-Key", key).json(workspaceBody("first body", "WORKSPACE_MEMBER")));
        assertEquals(200, first.status(), "first");
        int before = count(ORG);

        LambdaResponse conflict = lambda.invoke(HttpEvent.request("POST", PATH).bearer(owner.value())
                .header("Idempotency-Key", key).json(workspaceBody("second body", "WORKSPACE_MEMBER")));
        assertRefused(409, conflict, before);
    }

    @Test
    void anIdempotencyKeyOf300CharactersIs400() {
        int before = count(ORG);
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", PATH).bearer(owner.value())
                .header("Idempotency-Key", "k".repeat(300)).json(workspaceBody("long key", "WORKSPACE_MEMBER")));
        assertRefused(400, response, before);
    }

    // ---- bad input ----------------------------------------------------------------------------------------------

    static Stream<Arguments> badBodies() {
        String ws = "\"scope\":\"WORKSPACE\",\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\"";
        return Stream.of(
                Arguments.of("malformed JSON", "{\"name\":\"x\","),
                // Ambiguous JSON: parsers disagree on which copy of a key wins, or stop after the first value.
                Arguments.of("a duplicate role", "{\"name\":\"dup\",\"scope\":\"ORGANIZATION\",\"role\":\"ORGANIZATION_OWNER\",\"role\":\"ORGANIZATION_MEMBER\"}"),
                Arguments.of("a duplicate key in a nested object", "{\"name\":\"x\"," + ws + ",\"secretsManager\":{\"secretName\":\"a\",\"secretName\":\"b\"}}"),
                Arguments.of("trailing junk", "{\"name\":\"x\"," + ws + "} junk"),
                Arguments.of("a second object", "{\"name\":\"x\"," + ws + "}{\"role\":\"WORKSPACE_OWNER\"}"),
                Arguments.of("not JSON at all", "{bad"),
                Arguments.of("a JSON array", "[{\"name\":\"x\"," + ws + "}]"),
                Arguments.of("JSON null", "null"),
                Arguments.of("a JSON string", "\"name\""),
                Arguments.of("an empty object", "{}"),
                Arguments.of("name is a number", "{\"name\":5," + ws + "}"),
                Arguments.of("name is an object", "{\"name\":{\"a\":1}," + ws + "}"),
                Arguments.of("expiry is a string", "{\"name\":\"x\"," + ws + ",\"tokenExpiryPeriodInDays\":\"x\"}"),
                Arguments.of("expiry is a numeric string", "{\"name\":\"x\"," + ws + ",\"tokenExpiryPeriodInDays\":\"30\"}"),
                Arguments.of("expiry is an array", "{\"name\":\"x\"," + ws + ",\"tokenExpiryPeriodInDays\":[30]}"),
                Arguments.of("expiry is a fraction", "{\"name\":\"x\"," + ws + ",\"tokenExpiryPeriodInDays\":1.5}"),
                Arguments.of("expiry is a boolean", "{\"name\":\"x\"," + ws + ",\"tokenExpiryPeriodInDays\":true}"),
                Arguments.of("name is an array", "{\"name\":[\"x\"]," + ws + "}"),
                Arguments.of("name is a boolean", "{\"name\":true," + ws + "}"),
                Arguments.of("expiry overflows an int", "{\"name\":\"x\"," + ws + ",\"tokenExpiryPeriodInDays\":99999999999}"),
                Arguments.of("scope is a number", "{\"name\":\"x\",\"scope\":1,\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\"}"),
                Arguments.of("unknown scope", "{\"name\":\"x\",\"scope\":\"BOGUS\",\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\"}"),
                Arguments.of("lowercase scope", "{\"name\":\"x\",\"scope\":\"workspace\",\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\"}"),
                Arguments.of("unknown type", "{\"name\":\"x\",\"type\":\"BOGUS\",\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\"}"),
                Arguments.of("scope and type disagree", "{\"name\":\"x\",\"scope\":\"WORKSPACE\",\"type\":\"DEPLOYMENT\",\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\"}"),
                Arguments.of("unknown role", "{\"name\":\"x\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-data\",\"role\":\"NOPE\"}"),
                Arguments.of("role of another scope", "{\"name\":\"x\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-data\",\"role\":\"ORGANIZATION_MEMBER\"}"),
                Arguments.of("unknown kind", "{\"name\":\"x\"," + ws + ",\"kind\":\"WHAT\"}"),
                Arguments.of("missing name", "{" + ws + "}"),
                Arguments.of("blank name", "{\"name\":\"   \"," + ws + "}"),
                Arguments.of("missing scope", "{\"name\":\"x\",\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\"}"),
                Arguments.of("missing role", "{\"name\":\"x\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-data\"}"),
                Arguments.of("missing entityId for a workspace token", "{\"name\":\"x\",\"scope\":\"WORKSPACE\",\"role\":\"WORKSPACE_MEMBER\"}"),
                Arguments.of("name of 257 characters", "{\"name\":\"" + "n".repeat(257) + "\"," + ws + "}"),
                Arguments.of("description of 501 characters", "{\"name\":\"x\",\"description\":\"" + "d".repeat(501) + "\"," + ws + "}"),
                Arguments.of("description of 1001 characters", "{\"name\":\"x\",\"description\":\"" + "d".repeat(1001) + "\"," + ws + "}"),
                Arguments.of("expiry of 0 days", "{\"name\":\"x\"," + ws + ",\"tokenExpiryPeriodInDays\":0}"),
                Arguments.of("expiry of 3651 days", "{\"name\":\"x\"," + ws + ",\"tokenExpiryPeriodInDays\":3651}"),
                Arguments.of("negative expiry", "{\"name\":\"x\"," + ws + ",\"tokenExpiryPeriodInDays\":-1}"),
                Arguments.of("entityId with a slash", "{\"name\":\"x\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws/data\",\"role\":\"WORKSPACE_MEMBER\"}"),
                Arguments.of("entityId with ..", "{\"name\":\"x\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws..data\",\"role\":\"WORKSPACE_MEMBER\"}"),
                Arguments.of("entityId that is ..", "{\"name\":\"x\",\"scope\":\"WORKSPACE\",\"entityId\":\"..\",\"role\":\"WORKSPACE_MEMBER\"}"),
                Arguments.of("entityId of 65 characters", "{\"name\":\"x\",\"scope\":\"WORKSPACE\",\"entityId\":\"" + "w".repeat(65) + "\",\"role\":\"WORKSPACE_MEMBER\"}"),
                Arguments.of("allowedCidrs not an array", "{\"name\":\"x\"," + ws + ",\"allowedCidrs\":\"10.0.0.0/8\"}"),
                Arguments.of("an allowedCidrs entry that is a number", "{\"name\":\"x\"," + ws + ",\"allowedCidrs\":[10]}"),
                Arguments.of("an allowedCidrs entry that is a hostname", "{\"name\":\"x\"," + ws + ",\"allowedCidrs\":[\"example.com\"]}"),
                Arguments.of("an allowedCidrs entry with host bits", "{\"name\":\"x\"," + ws + ",\"allowedCidrs\":[\"10.0.0.1/8\"]}"),
                Arguments.of("an allowedCidrs entry of /33", "{\"name\":\"x\"," + ws + ",\"allowedCidrs\":[\"10.0.0.0/33\"]}"),
                Arguments.of("an allowedCidrs entry with a zone id", "{\"name\":\"x\"," + ws + ",\"allowedCidrs\":[\"fe80::1%eth0\"]}"),
                Arguments.of("51 allowedCidrs", "{\"name\":\"x\"," + ws + ",\"allowedCidrs\":["
                        + String.join(",", java.util.Collections.nCopies(51, "\"10.0.0.0/8\"")) + "]}"),
                Arguments.of("organization token naming another entity", "{\"name\":\"x\",\"scope\":\"ORGANIZATION\",\"entityId\":\"globex\",\"role\":\"ORGANIZATION_MEMBER\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badInputIs400WithTheErrorBodyAndNoNewToken(String what, String body) {
        int before = count(ORG);
        JsonNode error = assertRefused(400, create(owner, body), before, what);
        assertEquals(400, error.get("statusCode").asInt(), what);
    }

    @Test
    void allowedCidrsAreStoredNormalisedAndShownAndTheTokenIsBound() {
        LambdaResponse response = create(owner, "{\"name\":\"bound\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-data\","
                + "\"role\":\"WORKSPACE_MEMBER\",\"allowedCidrs\":[\"2001:DB8:0::/32\",\"198.51.100.7\",\"::ffff:198.51.100.7\",\"0.0.0.0/0\"]}");
        assertEquals(200, response.status(), describe(response));
        JsonNode created = response.json();
        assertEquals(List.of("0.0.0.0/0", "198.51.100.7/32", "2001:db8::/32"), texts(created.get("allowedCidrs")));
        assertEquals(ValidateToken.Code.IP_NOT_ALLOWED, validate(created.get("token").asText()),
                "a bound token asked about without a source address fails closed");
        JsonNode unbound = create(owner, workspaceBody("unbound", "WORKSPACE_MEMBER")).json();
        assertEquals(List.of(), texts(unbound.get("allowedCidrs")), "no allowedCidrs: unbound, shown as []");
        assertEquals(ValidateToken.Code.VALID, validate(unbound.get("token").asText()));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void eachBadCidrGetsItsOwnFieldError() {
        int before = count(ORG);
        JsonNode error = assertRefused(400, create(owner, "{\"name\":\"x\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-data\","
                + "\"role\":\"WORKSPACE_MEMBER\",\"allowedCidrs\":[\"10.0.0.0/8\",\"localhost\",\"192.0.2.0/24\",\"192.0.2.1/24\"]}"), before);
        List<String> fields = new java.util.ArrayList<>();
        error.get("fieldErrors").forEach(f -> fields.add(f.get("field").asText() + " " + f.get("code").asText()));
        assertEquals(List.of("allowedCidrs[1] INVALID_CIDR", "allowedCidrs[3] HOST_BITS_SET"), fields);
    }

    @Test
    void aDirectAccessTokenCannotBeBound() {
        int before = count(ORG);
        JsonNode error = assertRefused(400, create(owner, "{\"name\":\"offline\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-data\","
                + "\"role\":\"WORKSPACE_MEMBER\",\"kind\":\"DIRECT_ACCESS\",\"allowedCidrs\":[\"10.0.0.0/8\"]}"), before);
        assertEquals("allowedCidrs", error.get("fieldErrors").get(0).get("field").asText());
    }

    @Test
    void aPolicyRequiringABindingRefusesUnboundTokens() {
        Backend b = lambda.backend();
        IssuedToken strictOwner = b.owner("strict-net");
        b.workspace("strict-net", "ws");
        b.bean(dev.latchkey.usecase.OrganizationPolicies.class).put(b.caller(strictOwner), "strict-net",
                new dev.latchkey.usecase.PolicyRequest(null, null, null, null, true, null, null));
        String path = "/v1/organizations/strict-net/tokens";
        String body = "{\"name\":\"x\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws\",\"role\":\"WORKSPACE_MEMBER\"";
        for (String unbound : new String[]{body + "}", body + ",\"allowedCidrs\":[]}"}) {
            LambdaResponse refused = lambda.invoke(HttpEvent.request("POST", path).bearer(strictOwner.value()).json(unbound));
            assertEquals(400, refused.status(), refused.body());
            assertEquals("allowedCidrs", refused.errorBody().get("fieldErrors").get(0).get("field").asText());
            assertEquals("REQUIRED_BY_POLICY", refused.errorBody().get("fieldErrors").get(0).get("code").asText());
        }
        assertEquals(1, b.bean(TokenStore.class).list("strict-net").size(), "only the owner token");
        LambdaResponse bound = lambda.invoke(HttpEvent.request("POST", path).bearer(strictOwner.value())
                .json(body + ",\"allowedCidrs\":[\"10.0.0.0/8\"]}"));
        assertEquals(200, bound.status(), describe(bound));
    }

    @Test
    void fieldErrorsNameTheField() {
        int before = count(ORG);
        JsonNode error = assertRefused(400, create(owner,
                "{\"name\":\"x\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\",\"tokenExpiryPeriodInDays\":0}"), before);
        assertEquals("tokenExpiryPeriodInDays", error.get("fieldErrors").get(0).get("field").asText());
    }

    /** Astro caps description at 500 characters and name at 256; the field error names the field and the limit. */
    @ParameterizedTest
    @CsvSource({"description, 501, 500", "name, 257, 256"})
    void overlongTextNamesTheFieldAndTheLimit(String field, int length, String limit) {
        int before = count(ORG);
        String body = field.equals("name")
                ? "{\"name\":\"" + "n".repeat(length) + "\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\"}"
                : "{\"name\":\"x\",\"description\":\"" + "d".repeat(length) + "\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\"}";
        JsonNode error = assertRefused(400, create(owner, body), before, field);
        assertEquals(field, error.get("fieldErrors").get(0).get("field").asText());
        assertTrue(error.get("fieldErrors").get(0).get("message").asText().contains(limit), error.toString());
    }

    @Test
    void aDescriptionOf500CharactersIsAccepted() {
        String description = "d".repeat(500);
        LambdaResponse response = create(owner, "{\"name\":\"x\",\"description\":\"" + description
                + "\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\"}");
        assertEquals(200, response.status(), describe(response));
        assertEquals(description, response.json().get("description").asText());
    }

    @Test
    void theFirstDirectAccessTokenMakesTheKeyRingAndPublishesOnlyItsPublicKeys() {
        try (SecretsManagerClient sm = LocalSecretsManager.client()) {
            // The template's key secrets before any direct-access token exists.
            String privateKeys = sm.createSecret(r -> r.name("latchkey-private-" + System.nanoTime()).secretString("{}")).arn();
            String publicKeys = sm.createSecret(r -> r.name("latchkey-public-" + System.nanoTime()).secretString("{}")).arn();
            try (LambdaHarness create = LambdaHarness.start(Map.of("latchkey.direct-access-key-secret-id", privateKeys,
                    "latchkey.direct-access-public-key-secret-id", publicKeys))) {
                IssuedToken acmeOwner = create.backend().owner(ORG);
                LambdaResponse standard = create.invoke(HttpEvent.request("POST", PATH).bearer(acmeOwner.value())
                        .json("{\"name\":\"s\",\"scope\":\"ORGANIZATION\",\"role\":\"ORGANIZATION_MEMBER\"}"));
                assertEquals(200, standard.status(), describe(standard));
                assertEquals("{}", sm.getSecretValue(r -> r.secretId(privateKeys)).secretString(), "a standard token needs no key");

                LambdaResponse direct = create.invoke(HttpEvent.request("POST", PATH).bearer(acmeOwner.value())
                        .json("{\"name\":\"d\",\"scope\":\"ORGANIZATION\",\"role\":\"ORGANIZATION_MEMBER\",\"kind\":\"DIRECT_ACCESS\"}"));
                assertEquals(200, direct.status(), describe(direct));
                assertEquals(30, direct.json().get("expiryPeriodInDays").asInt(), "a direct-access token lives 30 days by default");
                String header = new String(java.util.Base64.getUrlDecoder().decode(direct.json().get("token").asText().split("\\.")[0]),
                        StandardCharsets.UTF_8);
                String kid = header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
                String ring = sm.getSecretValue(r -> r.secretId(privateKeys)).secretString();
                String published = sm.getSecretValue(r -> r.secretId(publicKeys)).secretString();
                assertTrue(ring.contains("\"d\"") && ring.contains(kid), "the private ring is kept in its secret");
                assertTrue(published.contains("\"kid\":\"" + kid + "\""), "its public key is published: " + published);
                assertFalse(published.contains("\"d\""), "the public secret holds no private part");
            }
        }
    }

    @Test
    void aBadOrganizationIdInThePathIs400() {
        int before = count(ORG);
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/organizations/a..b/tokens")
                .bearer(owner.value()).json(workspaceBody("bad org", "WORKSPACE_MEMBER")));
        assertRefused(400, response, before);
    }

    @Test
    void twoMebibyteBodyIs413() {
        int before = count(ORG);
        LambdaResponse response = create(owner, "{\"name\":\"big\",\"description\":\"" + "d".repeat(2 * 1024 * 1024)
                + "\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-data\",\"role\":\"WORKSPACE_MEMBER\"}");
        assertRefused(413, response, before);
    }

    @Test
    void textPlainIs415() {
        int before = count(ORG);
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", PATH).bearer(owner.value())
                .header("content-type", "text/plain").body(workspaceBody("plain", "WORKSPACE_MEMBER")));
        assertRefused(415, response, before);
    }

    /** API Gateway need not pass a {@code content-length}; the body is read from the event all the same. */
    @Test
    void aBodyWithoutAContentLengthHeaderIsRead() {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", PATH).bearer(owner.value())
                .json(workspaceBody("no length", "WORKSPACE_MEMBER")).without("content-length"));
        assertEquals(200, response.status(), describe(response));
        assertEquals("no length", response.json().get("name").asText());
        assertEquals(ValidateToken.Code.VALID, validate(response.json().get("token").asText()));
    }
}
