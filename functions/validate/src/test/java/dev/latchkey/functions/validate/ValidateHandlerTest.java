package dev.latchkey.functions.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.config.LazySecretsManager;
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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/validate} through the Lambda handler, with payload-2.0 events as API Gateway sends them. */
class ValidateHandlerTest {

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass(ValidateFunctionHandler::new, java.util.Map.of());
    static IssuedToken author;

    @BeforeAll
    static void seed() {
        Backend b = lambda.backend();
        Seed seed = Seed.organization(b, "acme").workspace("ws-data").deployment("dep-etl", "ws-data");
        IssuedToken owner = seed.ownerToken();
        author = seed.token(Scope.WORKSPACE, "ws-data", "WORKSPACE_AUTHOR");
    }

    @Test
    void recordedEventWithPermissionIsValid() throws IOException {
        String event;
        try (InputStream in = getClass().getResourceAsStream("/events/validate-with-permission.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${TOKEN}", author.value());
        }
        LambdaResponse response = lambda.invoke(event);
        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("content-type").startsWith("application/json"));
        JsonNode body = response.json();
        assertTrue(body.get("valid").asBoolean());
        assertEquals("VALID", body.get("code").asText());
        assertEquals(author.token().id(), body.get("token").get("id").asText());
        assertFalse(response.body().contains(author.value()), "validate must never echo the value");
    }

    @Test
    void dagTagRolesAnswerForDagsCarryingTheTag() {
        Backend b = lambda.backend();
        IssuedToken owner = b.owner("tags");
        b.workspace("tags", "ws");
        b.deployment("tags", "dep", "ws");
        IssuedToken depToken = b.token(owner, "tags", dev.latchkey.domain.Scope.DEPLOYMENT, "dep", "DEPLOYMENT_ADMIN");
        IssuedToken tagged = b.token(owner, "tags", dev.latchkey.domain.Scope.WORKSPACE, "ws", "WORKSPACE_ACCESSOR");
        b.roles(owner, tagged, java.util.List.of(new dev.latchkey.usecase.RoleInput("WORKSPACE", "ws", "WORKSPACE_ACCESSOR", null),
                new dev.latchkey.usecase.RoleInput("DAG_TAG", "finance", "DAG_AUTHOR", "dep")));
        String ask = "{\"token\":\"" + tagged.value() + "\",\"organizationId\":\"tags\",\"workspaceId\":\"ws\",\"deploymentId\":\"dep\",\"dagId\":\"etl\","
                + "\"permission\":\"dag.trigger\",\"dagTags\":";
        assertEquals("VALID", lambda.invoke(HttpEvent.request("POST", "/v1/validate").json(ask + "[\"finance\",\"daily\"]}")).json().get("code").asText());
        assertEquals("INSUFFICIENT_PERMISSIONS", lambda.invoke(HttpEvent.request("POST", "/v1/validate").json(ask + "[\"daily\"]}")).json().get("code").asText());
        assertEquals(400, lambda.invoke(HttpEvent.request("POST", "/v1/validate").json(ask + "[1]}")).status());
        assertEquals(400, lambda.invoke(HttpEvent.request("POST", "/v1/validate").json(ask + "\"finance\"}")).status());
        assertTrue(depToken.value().startsWith("lkd_"));
    }

    @Test
    void permissionAboveTheRoleIsInsufficient() {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/validate").json(
                "{\"token\":\"" + author.value() + "\",\"organizationId\":\"acme\",\"workspaceId\":\"ws-data\",\"permission\":\"workspace.tokens.manage\"}"));
        assertEquals(200, response.status());
        assertEquals("INSUFFICIENT_PERMISSIONS", response.json().get("code").asText());
        assertFalse(response.json().get("valid").asBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lkw_", "not-a-token", "lkx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000"})
    void garbageIsMalformedWithoutMetadata(String value) {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/validate").json("{\"token\":\"" + value + "\"}"));
        assertEquals(200, response.status());
        assertEquals("MALFORMED", response.json().get("code").asText());
        assertFalse(response.json().has("token"));
    }

    @Test
    void aLookalikeWithOneCharacterChangedIsMalformed() {
        String v = author.value();
        char last = v.charAt(10);
        String lookalike = v.substring(0, 10) + (last == 'a' ? 'b' : 'a') + v.substring(11);
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/validate").json("{\"token\":\"" + lookalike + "\"}"));
        assertEquals("MALFORMED", response.json().get("code").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{bad", "[1,2]", "{\"token\":123}", "{\"token\":{\"a\":1}}", "{}", "{\"token\":\"x\",\"permission\":\"nope\"}",
            "{\"token\":\"x\",\"workspaceId\":\"../etc\"}", "{\"token\":\"x\",\"dagId\":\"d\"}", "null", "\"token\""})
    void malformedRequestsAre400WithTheErrorBody(String body) {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/validate").json(body));
        assertEquals(400, response.status(), response.body());
        response.errorBody();
    }

    /** Bodies other parsers read differently: duplicate keys, or content after the object. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"token\":\"x\",\"token\":\"y\"}", "{\"token\":\"x\"} junk", "{\"token\":\"x\"}{\"token\":\"y\"}",
            "{\"token\":\"x\"}]", "{\"token\":\"x\",\"workspaceId\":\"a\",\"workspaceId\":\"b\"}"})
    void ambiguousJsonIs400(String body) {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/validate").json(body));
        assertEquals(400, response.status(), response.body());
        response.errorBody();
    }

    /** API Gateway passes a chunked body without {@code content-length}; the limit counts the decoded bytes. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anOversizedBodyWithoutContentLengthIs413(boolean base64) {
        String json = "{\"token\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}";
        HttpEvent event = HttpEvent.request("POST", "/v1/validate").header("content-type", "application/json");
        event = base64 ? event.base64Body(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)) : event.body(json);
        LambdaResponse response = lambda.invoke(event.without("content-length"));
        assertEquals(413, response.status(), response.body().length() > 300 ? response.body().substring(0, 300) : response.body());
        response.errorBody();
    }

    @Test
    void aBase64BodyIsMeasuredDecoded() {
        // 60 KiB of JSON is 80 KiB as base64: under the limit, so it is read (and the made-up token is malformed).
        String json = "{\"token\":\"" + "a".repeat(60 * 1024) + "\"}";
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/validate").header("content-type", "application/json")
                .base64Body(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).without("content-length"));
        assertEquals(200, response.status(), response.body());
        assertEquals("MALFORMED", response.json().get("code").asText());
    }

    /** A body marked base64 that is not base64 is the client's mistake: a 400 with the error body, not a 500. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"token\":\"x\"}", "e30=!", "%%%%"})
    void aBase64FlaggedBodyThatIsNotBase64Is400(String notBase64) {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/validate").header("content-type", "application/json")
                .base64Text(notBase64));
        assertEquals(400, response.status(), response.body());
        assertEquals("body", response.errorBody().get("fieldErrors").get(0).get("field").asText(), response.body());
    }

    @Test
    void snapStartPrimingAnswersItsValidateRequest() {
        var context = lambda.handler().getApplicationContext();
        new io.micronaut.crac.test.DefaultCheckpointSimulator(
                java.util.List.copyOf(context.getBeansOfType(io.micronaut.crac.OrderedResource.class))).runBeforeCheckpoint();
        var priming = context.getBean(dev.latchkey.http.SnapStartPriming.class);
        assertTrue(priming.tableReached());
        assertEquals(200, priming.primedStatuses().get("POST /v1/validate"), "priming must go through the validate controller");
    }

    @Test
    void aWarmContainerDoesNotAccumulateBeansPerInvocation() {
        var context = lambda.handler().getApplicationContext();
        for (int i = 0; i < 50; i++) {
            assertEquals(200, lambda.invoke(HttpEvent.request("POST", "/v1/validate").json("{\"token\":\"x\"}")).status());
        }
        assertTrue(context.getBeanDefinitions(com.amazonaws.services.lambda.runtime.Context.class).size() <= 1,
                "each invocation must not leave a bean behind (micronaut-function-aws registers one per invocation by default)");
    }

    /**
     * Lambda's context builder turns on eager singletons, which built every function's use cases in the validate zip
     * (it carries all of shared). The handler's own builder must build what validate injects, the SnapStart hooks
     * included (registered at start-up, before anything asks for them), and no use case of another function.
     */
    @Test
    void initBuildsValidatesBeansAndTheSnapStartHooksButNoOtherFunctionsUseCases() {
        try (LambdaHarness fresh = LambdaHarness.start(ValidateFunctionHandler::new, java.util.Map.of())) {
            var context = fresh.handler().getApplicationContext();
            for (Class<?> built : java.util.List.of(ValidateRoute.class, dev.latchkey.usecase.ValidateToken.class,
                    dev.latchkey.http.SnapStartPriming.class, ValidateRoutePriming.class, ValidateJsonPriming.class)) {
                assertFalse(context.getActiveBeanRegistrations(built).isEmpty(), built.getSimpleName() + " was not built at init");
            }
            assertTrue(context.getBean(ValidateJsonPriming.class).primed(), "the JSON shapes were not primed at init");
            for (Class<?> notBuilt : java.util.List.of(dev.latchkey.usecase.CreateToken.class, dev.latchkey.usecase.RotateToken.class,
                    dev.latchkey.usecase.CustomRoles.class, dev.latchkey.usecase.HygieneSweep.class,
                    dev.latchkey.usecase.TokenQueries.class, dev.latchkey.functions.validate.authorizer.HttpApiAuthorizer.class)) {
                assertTrue(context.getActiveBeanRegistrations(notBuilt).isEmpty(), notBuilt.getSimpleName() + " was built in the validate function");
            }
        }
    }

    @Test
    void aValidateFunctionBuildsNoSecretsManagerClientWhenItNeedsNone() {
        // Lambda contexts build every singleton at init; the Secrets Manager client must not be one of them (the pepper
        // is a configured value here and no direct-access token is presented). A fresh container, so that no other test
        // has used Secrets Manager in it.
        try (LambdaHarness fresh = LambdaHarness.start(ValidateFunctionHandler::new, java.util.Map.of())) {
            IssuedToken token = fresh.backend().token(fresh.backend().owner("lazy-org"), "lazy-org", Scope.ORGANIZATION, "lazy-org",
                    "ORGANIZATION_MEMBER");
            LambdaResponse response = fresh.invoke(HttpEvent.request("POST", "/v1/validate").json("{\"token\":\"" + token.value() + "\"}"));
            assertEquals(200, response.status());
            assertTrue(response.json().path("valid").asBoolean());
            assertFalse(fresh.handler().getApplicationContext().getBean(LazySecretsManager.class).isBuilt());
        }
    }

    @Test
    void wrongContentTypeIs415() {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/validate")
                .header("content-type", "text/plain").body("{\"token\":\"x\"}"));
        assertEquals(415, response.status(), response.body());
        response.errorBody();
    }

    @Test
    void twoMebibyteBodyIs413() {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/validate")
                .json("{\"token\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}"));
        assertEquals(413, response.status());
        response.errorBody();
    }

    static JsonNode ask(String json) {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/validate").json(json));
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    static String code(IssuedToken token, String resource) {
        return ask("{\"token\":\"" + token.value() + "\"," + resource + "}").get("code").asText();
    }

    /** The answer depends on where a deployment is registered, never on a workspace the caller names. */
    @Test
    void aWorkspaceRoleDoesNotReachADeploymentOfAnotherWorkspace() {
        Backend b = lambda.backend();
        IssuedToken owner = b.owner("split");
        b.workspace("split", "ws-a");
        b.workspace("split", "ws-b");
        b.deployment("split", "dep-a", "ws-a");
        b.deployment("split", "dep-b", "ws-b");
        IssuedToken authorA = b.token(owner, "split", Scope.WORKSPACE, "ws-a", "WORKSPACE_AUTHOR");
        String deploy = "\"organizationId\":\"split\",\"permission\":\"deployment.deploy\",";

        assertEquals("SCOPE_MISMATCH", code(authorA, deploy + "\"workspaceId\":\"ws-a\",\"deploymentId\":\"dep-b\""),
                "the caller says dep-b is in ws-a; the registry says ws-b");
        assertEquals("SCOPE_MISMATCH", code(authorA, deploy + "\"deploymentId\":\"dep-b\""));
        assertEquals("SCOPE_MISMATCH", code(authorA, deploy + "\"deploymentId\":\"dep-unregistered\""));
        assertEquals("VALID", code(authorA, deploy + "\"deploymentId\":\"dep-a\""),
                "the deployment's own workspace is found without the caller naming it");
        assertEquals("VALID", code(authorA, deploy + "\"workspaceId\":\"ws-a\",\"deploymentId\":\"dep-a\""));

        // An organization-scope token holding a workspace role: the same rule.
        IssuedToken orgWithWsRole = b.token(owner, "split", Scope.ORGANIZATION, "split", "ORGANIZATION_MEMBER");
        b.roles(owner, orgWithWsRole, java.util.List.of(new dev.latchkey.usecase.RoleInput("ORGANIZATION", "split", "ORGANIZATION_MEMBER", null),
                new dev.latchkey.usecase.RoleInput("WORKSPACE", "ws-a", "WORKSPACE_AUTHOR", null)));
        assertEquals("SCOPE_MISMATCH", code(orgWithWsRole, deploy + "\"workspaceId\":\"ws-a\",\"deploymentId\":\"dep-b\""));
        assertEquals("INSUFFICIENT_PERMISSIONS", code(orgWithWsRole, deploy + "\"deploymentId\":\"dep-b\""),
                "checked in dep-b's real workspace ws-b, where the token holds nothing");
        assertEquals("VALID", code(orgWithWsRole, deploy + "\"deploymentId\":\"dep-a\""));
    }

    /** Ids are unique only within an organization: a question about anything must name it. */
    @Test
    void aQuestionAboutAResourceOrPermissionMustNameTheOrganization() {
        Backend b = lambda.backend();
        IssuedToken globex = b.owner("globex");
        b.workspace("globex", "ws-g");
        b.deployment("globex", "dep-b", "ws-g");
        IssuedToken admin = b.token(globex, "globex", Scope.DEPLOYMENT, "dep-b", "DEPLOYMENT_ADMIN");
        for (String resource : new String[]{"\"deploymentId\":\"dep-b\",\"permission\":\"deployment.deploy\"",
                "\"deploymentId\":\"dep-b\"", "\"workspaceId\":\"ws-g\"", "\"permission\":\"deployment.deploy\"",
                "\"dagTags\":[\"t\"]"}) {
            LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/validate")
                    .json("{\"token\":\"" + admin.value() + "\"," + resource + "}"));
            assertEquals(400, response.status(), resource + " -> " + response.body());
            assertTrue(response.body().contains("organizationId"), response.body());
        }
        assertEquals("SCOPE_MISMATCH", code(admin, "\"organizationId\":\"acme\",\"deploymentId\":\"dep-b\",\"permission\":\"deployment.deploy\""));
        assertEquals("VALID", code(admin, "\"organizationId\":\"globex\",\"deploymentId\":\"dep-b\",\"permission\":\"deployment.deploy\""));
        assertEquals("VALID", ask("{\"token\":\"" + admin.value() + "\"}").get("code").asText(), "validity alone needs no organization");
    }

    /** Anyone may call validate: a value that is not VALID tells its finder the token's id and nothing more. */
    @Test
    void aRevokedOrOutOfScopeValueGetsOnlyItsTokenId() {
        Backend b = lambda.backend();
        IssuedToken owner = b.owner("quiet");
        IssuedToken doomed = b.token(owner, "quiet", Scope.ORGANIZATION, "quiet", "ORGANIZATION_MEMBER");
        JsonNode valid = ask("{\"token\":\"" + doomed.value() + "\"}");
        assertEquals("VALID", valid.get("code").asText());
        assertTrue(valid.get("token").has("name") && valid.get("token").has("roles"), "a VALID answer describes the token");

        JsonNode mismatch = ask("{\"token\":\"" + doomed.value() + "\",\"organizationId\":\"elsewhere\"}");
        assertEquals("SCOPE_MISMATCH", mismatch.get("code").asText());
        assertEquals(java.util.List.of("id"), iterableNames(mismatch.get("token")));

        b.bean(dev.latchkey.usecase.RevokeToken.class).revoke(b.caller(owner), "quiet", doomed.token().id());
        JsonNode revoked = ask("{\"token\":\"" + doomed.value() + "\"}");
        assertEquals("REVOKED", revoked.get("code").asText());
        assertEquals(java.util.List.of("id"), iterableNames(revoked.get("token")));
        assertEquals(doomed.token().id(), revoked.get("token").get("id").asText());
    }

    // ---- network binding (allowedCidrs, sourceIp) ----------------------------------------------------------------

    static JsonNode askFrom(IssuedToken token, String sourceIp) {
        return ask("{\"token\":\"" + token.value() + "\"" + (sourceIp == null ? "" : ",\"sourceIp\":\"" + sourceIp + "\"") + "}");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(nullValues = "-", value = {
            "198.51.100.7,          VALID",
            "::ffff:198.51.100.7,   VALID",
            "2001:db8:cafe::1,      VALID",
            "198.51.101.7,          IP_NOT_ALLOWED",
            "2001:db8:beef::1,      IP_NOT_ALLOWED",
            "-,                     IP_NOT_ALLOWED",
    })
    void aBoundTokenAnswersFromWhereItIsUsed(String sourceIp, String code) {
        String org = "net-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        IssuedToken bound = lambda.backend().boundToken(lambda.backend().owner(org), org, Scope.ORGANIZATION, org,
                "ORGANIZATION_MEMBER", "198.51.100.0/24", "2001:db8:cafe::/48");
        JsonNode answer = askFrom(bound, sourceIp);
        assertEquals(code, answer.get("code").asText());
        assertEquals(code.equals("VALID"), answer.get("valid").asBoolean());
        assertEquals(bound.token().id(), answer.get("token").get("id").asText());
        if (!code.equals("VALID")) {
            assertEquals(java.util.List.of("id"), iterableNames(answer.get("token")), "outside, only the token's id, as for any refusal");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"example.com\"", "\"203.0.113.9/32\"", "\"fe80::1%eth0\"", "\" 203.0.113.9\"", "\"\"", "123",
            "[\"203.0.113.9\"]"})
    void aSourceIpThatIsNotAnAddressIs400NamingTheField(String sourceIp) {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", "/v1/validate")
                .json("{\"token\":\"" + author.value() + "\",\"sourceIp\":" + sourceIp + "}"));
        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains("sourceIp"), response.body());
    }

    @Test
    void clearingTheBindingMakesTheNextValidateFromAnywhereValidAndRefusalsAreAuditedOnceAMinute() {
        Backend b = lambda.backend();
        IssuedToken owner = b.owner("net-clear");
        IssuedToken bound = b.boundToken(owner, "net-clear", Scope.ORGANIZATION, "net-clear", "ORGANIZATION_MEMBER", "198.51.100.0/24");
        assertEquals("IP_NOT_ALLOWED", askFrom(bound, "203.0.113.1").get("code").asText());
        assertEquals("IP_NOT_ALLOWED", askFrom(bound, "203.0.113.2").get("code").asText());
        java.util.List<dev.latchkey.domain.AuditEvent> denials = b.bean(dev.latchkey.store.AuditLog.class)
                .page("net-clear", java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(3600), null, 100).events().stream()
                .filter(e -> e.action() == dev.latchkey.domain.AuditEvent.Action.TOKEN_IP_DENIED).toList();
        assertEquals(1, denials.size(), "two refusals within a minute: one audit event");
        assertEquals(bound.token().id(), denials.get(0).tokenId());
        assertTrue(denials.get(0).detail().contains("203.0.113.1"), denials.get(0).detail());
        assertFalse(denials.get(0).toString().contains(bound.value().substring(4)), "never the value");

        b.bean(dev.latchkey.usecase.UpdateToken.class).update(b.caller(owner), "net-clear", bound.token().id(), "unbound now", null,
                null, dev.latchkey.access.CidrSet.UNBOUND);
        assertEquals("VALID", askFrom(bound, "203.0.113.1").get("code").asText());
        assertEquals("VALID", askFrom(bound, null).get("code").asText());
    }

    static java.util.List<String> iterableNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
