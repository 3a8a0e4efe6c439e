package dev.latchkey.functions.validate.authorizer;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.domain.Scope;
import dev.latchkey.functions.validate.ValidateFunctionHandler;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.testing.Backend;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RevokeToken;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorizer handler built as Lambda builds it ({@code template.yaml}'s AuthorizerFunction Handler, no-argument
 * constructor, configuration from the environment) and fed API Gateway's payload-2.0 authorizer event, decoded into
 * the {@code Map} the Lambda runtime hands a {@code RequestHandler<Map, Map>}.
 */
class HttpApiAuthorizerHandlerTest {

    static final String REQUEST_ID = "KxA3ViHgjoEEJ-w=";
    static final ObjectMapper JSON = new ObjectMapper();

    static LambdaHarness lambda;
    static HttpApiAuthorizerHandler handler;
    static IssuedToken owner;
    static IssuedToken member;
    static IssuedToken author;
    static IssuedToken deployer;

    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    ch.qos.logback.classic.Level levelBefore;

    @BeforeAll
    static void start() {
        lambda = LambdaHarness.start(ValidateFunctionHandler::new, java.util.Map.of());
        Backend b = lambda.backend();
        owner = b.owner("acme");
        b.owner("globex");
        b.workspace("acme", "ws-1");
        b.deployment("acme", "dep-1", "ws-1");
        member = b.token(owner, "acme", Scope.ORGANIZATION, "acme", "ORGANIZATION_MEMBER");
        author = b.token(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR");
        deployer = b.token(owner, "acme", Scope.DEPLOYMENT, "dep-1", "DEPLOYMENT_ADMIN");
        handler = new HttpApiAuthorizerHandler();
    }

    @AfterAll
    static void stop() {
        if (handler != null) {
            handler.close();
        }
        lambda.close();
    }

    /** Everything logged during a test, at INFO and above (production's level; the test config says WARN). */
    @BeforeEach
    void captureLogs() {
        logs.start();
        root().addAppender(logs);
        levelBefore = authorizerLogger().getLevel();
        authorizerLogger().setLevel(ch.qos.logback.classic.Level.INFO);
    }

    @AfterEach
    void releaseLogs() {
        authorizerLogger().setLevel(levelBefore);
        root().detachAppender(logs);
    }

    static Logger authorizerLogger() {
        return (Logger) LoggerFactory.getLogger(HttpApiAuthorizer.class);
    }

    static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** The recorded event with the Authorization header value and the route's organizationId filled in. */
    static Map<String, Object> event(String authorization, String organizationId) {
        try (InputStream in = HttpApiAuthorizerHandlerTest.class.getResourceAsStream("/events/authorizer-request.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${AUTH}", authorization).replace("${ORG}", organizationId);
            return JSON.readValue(json, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> bearer(IssuedToken token, String organizationId) {
        return event("Bearer " + token.value(), organizationId);
    }

    /** Adds (or replaces) path parameters, as a route with more variables would carry them. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withPath(Map<String, Object> event, Map<String, String> parameters) {
        ((Map<String, Object>) event.get("pathParameters")).putAll(parameters);
        return event;
    }

    static Map<String, Object> authorize(Map<String, Object> event) {
        return authorize(handler, event);
    }

    static Map<String, Object> authorize(HttpApiAuthorizerHandler h, Map<String, Object> event) {
        Map<String, Object> response = h.handleRequest(event, new MockLambdaContext());
        // What the Lambda runtime would send back to API Gateway must be plain JSON.
        try {
            return JSON.readValue(JSON.writeValueAsString(response), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertDenied(Map<String, Object> response) {
        assertEquals(Map.of("isAuthorized", false), response, "a refusal carries no context");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> assertAllowed(Map<String, Object> response) {
        assertEquals(Boolean.TRUE, response.get("isAuthorized"), () -> "expected authorized: " + response);
        assertEquals(Set.of("isAuthorized", "context"), response.keySet());
        Map<String, Object> context = (Map<String, Object>) response.get("context");
        assertEquals(Set.of("tokenId", "organizationId", "scope", "roles"), context.keySet());
        context.values().forEach(v -> assertTrue(v instanceof String, "context values are strings: " + context));
        return context;
    }

    /** The reason logged for the last refusal (the only place a refusal's code shows). */
    String loggedReason() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("authorizer: not authorized"))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no refusal was logged: " + logs.list));
    }

    static HttpApiAuthorizerHandler handlerWith(String property, String value) {
        return withSystemProperty(property, value, HttpApiAuthorizerHandler::new);
    }

    /** Lambda passes configuration as environment variables; system properties are the in-JVM equivalent. */
    static <T> T withSystemProperty(String property, String value, Supplier<T> body) {
        String before = System.getProperty(property);
        System.setProperty(property, value);
        try {
            return body.get();
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    // ------------------------------------------------------------------ allowed

    @Test
    void aValidOwnerTokenIsAuthorizedWithItsContext() {
        Map<String, Object> context = assertAllowed(authorize(bearer(owner, "acme")));
        assertEquals(owner.token().id(), context.get("tokenId"));
        assertEquals("acme", context.get("organizationId"));
        assertEquals("ORGANIZATION", context.get("scope"));
        assertEquals("ORGANIZATION:acme:ORGANIZATION_OWNER", context.get("roles"));
    }

    @Test
    void aWorkspaceTokenIsAuthorizedOnItsOrganizationsRoutesAndItsRolesAreCompact() {
        Map<String, Object> context = assertAllowed(authorize(bearer(author, "acme")));
        assertEquals(author.token().id(), context.get("tokenId"));
        assertEquals("WORKSPACE", context.get("scope"));
        assertEquals("WORKSPACE:ws-1:WORKSPACE_AUTHOR", context.get("roles"));
    }

    @Test
    void theSchemeIsCaseInsensitiveAndSurroundingBlanksAreIgnored() {
        assertAllowed(authorize(event("bearer " + owner.value(), "acme")));
        assertAllowed(authorize(event("BEARER   " + owner.value() + "  ", "acme")));
    }

    @Test
    void withoutAnIdentitySourceTheAuthorizationHeaderIsRead() {
        Map<String, Object> event = bearer(owner, "acme");
        event.remove("identitySource");
        assertAllowed(authorize(event));
    }

    // ------------------------------------------------------------------ scope

    @Test
    void anotherOrganizationInThePathIsAScopeMismatch() {
        assertDenied(authorize(bearer(owner, "globex")));
        assertTrue(loggedReason().contains("SCOPE_MISMATCH"), loggedReason());
        assertTrue(loggedReason().contains(owner.token().id()), "a genuine token is named by its id");
    }

    @Test
    void workspaceAndDeploymentPathParametersAreChecked() {
        assertAllowed(authorize(withPath(bearer(author, "acme"), Map.of("workspaceId", "ws-1"))));
        assertDenied(authorize(withPath(bearer(author, "acme"), Map.of("workspaceId", "ws-2"))));
        assertTrue(loggedReason().contains("SCOPE_MISMATCH"), loggedReason());

        assertAllowed(authorize(withPath(bearer(deployer, "acme"), Map.of("deploymentId", "dep-1"))));
        assertDenied(authorize(withPath(bearer(deployer, "acme"), Map.of("deploymentId", "dep-2"))));
        assertTrue(loggedReason().contains("SCOPE_MISMATCH"), loggedReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/b", "", "x-------------------------------------------------------------------65"})
    void aPathParameterThatIsNotAnIdIsRefused(String organizationId) {
        Map<String, Object> event = bearer(owner, "acme");
        withPath(event, Map.of("organizationId", organizationId));
        assertDenied(authorize(event));
    }

    @Test
    void aDagWithoutItsDeploymentCannotBeAnsweredAndIsRefused() {
        assertDenied(authorize(withPath(bearer(owner, "acme"), Map.of("dagId", "etl"))));
    }

    // ------------------------------------------------------------------ network binding

    /** The event as API Gateway sends it from another client address ({@code requestContext.http.sourceIp}); null drops it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> from(Map<String, Object> event, String sourceIp) {
        Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) event.get("requestContext")).get("http");
        if (sourceIp == null) {
            http.remove("sourceIp");
        } else {
            http.put("sourceIp", sourceIp);
        }
        return event;
    }

    @Test
    void aBoundTokenIsAuthorizedFromItsNetworksByTheEventsSourceIp() {
        // The recorded event comes from 203.0.113.17.
        IssuedToken bound = lambda.backend().boundToken(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR",
                "203.0.113.0/24", "2001:db8::/32");
        assertEquals(bound.token().id(), assertAllowed(authorize(bearer(bound, "acme"))).get("tokenId"));
        assertAllowed(authorize(from(bearer(bound, "acme"), "2001:db8::9")));
        assertAllowed(authorize(from(bearer(bound, "acme"), "::ffff:203.0.113.40")));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.NullSource
    @ValueSource(strings = {"198.51.100.17", "2001:db9::1", "not-an-address"})
    void aBoundTokenFromOutsideOrFromAnUnknownAddressIsDeniedAsIpNotAllowed(String sourceIp) {
        IssuedToken bound = lambda.backend().boundToken(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR",
                "203.0.113.0/24", "2001:db8::/32");
        assertDenied(authorize(from(bearer(bound, "acme"), sourceIp)));
        assertTrue(loggedReason().contains("IP_NOT_ALLOWED"), loggedReason());
        assertTrue(loggedReason().contains(bound.token().id()), loggedReason());
        assertAllowed(authorize(from(bearer(author, "acme"), sourceIp)));
    }

    // ------------------------------------------------------------------ dead and wrong values

    @Test
    void aRevokedTokenIsRefusedOnTheVeryNextCall() {
        IssuedToken t = lambda.backend().token(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER");
        assertAllowed(authorize(bearer(t, "acme")));
        lambda.backend().bean(RevokeToken.class).revoke(lambda.backend().caller(owner), "acme", t.token().id());
        assertDenied(authorize(bearer(t, "acme")));
        assertTrue(loggedReason().contains("REVOKED"), loggedReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Bearer", "Bearer ", "Bearer not-a-token", "Basic dXNlcjpwYXNzd29yZA==",
            "Bearer lkw_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000", "Token abc", "Bearerlkw_abc"})
    void missingOrGarbageHeadersAreRefused(String authorization) {
        assertDenied(authorize(event(authorization, "acme")));
    }

    @Test
    void aValueWithoutTheBearerSchemeIsRefused() {
        assertDenied(authorize(event(owner.value(), "acme")));
        assertTrue(loggedReason().contains("NO_BEARER_TOKEN"), loggedReason());
    }

    @Test
    void noIdentitySourceAndNoHeaderIsRefused() {
        Map<String, Object> event = bearer(owner, "acme");
        event.remove("identitySource");
        ((Map<?, ?>) event.get("headers")).remove("authorization");
        assertDenied(authorize(event));
    }

    @Test
    void aLookalikeWithOneCharacterChangedIsRefused() {
        String v = owner.value();
        char c = v.charAt(10);
        String lookalike = v.substring(0, 10) + (c == 'a' ? 'b' : 'a') + v.substring(11);
        assertDenied(authorize(event("Bearer " + lookalike, "acme")));
        assertTrue(loggedReason().contains("MALFORMED"), loggedReason());
    }

    @Test
    void aGenuineValueWithACharacterAppendedIsRefused() {
        assertDenied(authorize(event("Bearer " + owner.value() + "x", "acme")));
    }

    // ------------------------------------------------------------------ configured permission

    @Test
    void aConfiguredPermissionTheTokenLacksIsRefused() {
        try (HttpApiAuthorizerHandler h = handlerWith(HttpApiAuthorizer.PERMISSION_PROPERTY, "organization.tokens.manage")) {
            assertDenied(authorize(h, bearer(member, "acme")));
            assertTrue(loggedReason().contains("INSUFFICIENT_PERMISSIONS"), loggedReason());
            assertAllowed(authorize(h, bearer(owner, "acme")));
        }
        try (HttpApiAuthorizerHandler h = handlerWith(HttpApiAuthorizer.PERMISSION_PROPERTY, "organization.read")) {
            assertAllowed(authorize(h, bearer(member, "acme")));
        }
    }

    @Test
    void aDeploymentPermissionNeedsTheIdsInThePath() {
        try (HttpApiAuthorizerHandler h = handlerWith(HttpApiAuthorizer.PERMISSION_PROPERTY, "deployment.deploy")) {
            // The route names no deployment: the question cannot be answered, so nobody is let through.
            assertDenied(authorize(h, bearer(owner, "acme")));
            assertAllowed(authorize(h, withPath(bearer(author, "acme"), Map.of("workspaceId", "ws-1", "deploymentId", "dep-1"))));
            assertAllowed(authorize(h, withPath(bearer(deployer, "acme"), Map.of("deploymentId", "dep-1"))));
        }
        try (HttpApiAuthorizerHandler h = handlerWith(HttpApiAuthorizer.PERMISSION_PROPERTY, "deployment.update")) {
            assertDenied(authorize(h, withPath(bearer(author, "acme"), Map.of("workspaceId", "ws-1", "deploymentId", "dep-1"))));
            assertTrue(loggedReason().contains("INSUFFICIENT_PERMISSIONS"), loggedReason());
        }
    }

    @Test
    void anEmptyPermissionAsTheTemplateSetsByDefaultMeansValidityAndScopeOnly() {
        try (HttpApiAuthorizerHandler h = handlerWith(HttpApiAuthorizer.PERMISSION_PROPERTY, "")) {
            assertAllowed(authorize(h, bearer(member, "acme")));
            assertDenied(authorize(h, bearer(member, "globex")));
        }
    }

    @Test
    void anUnknownConfiguredPermissionFailsTheHandlerAtInit() {
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> handlerWith(HttpApiAuthorizer.PERMISSION_PROPERTY, "deployment.destroy").close());
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(String.valueOf(root.getMessage()).contains("deployment.destroy"), String.valueOf(root));
    }

    // ------------------------------------------------------------------ backend failure

    @Test
    void aBackendFailureIsNotAuthorizedAndIsLoggedWithTheRequestId() {
        try (HttpApiAuthorizerHandler h = handlerWith("latchkey.table-name", "latchkey-no-such-table")) {
            assertDenied(authorize(h, bearer(owner, "acme")));
        }
        ILoggingEvent warn = logs.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .filter(e -> e.getFormattedMessage().contains("backend failed")).findFirst()
                .orElseThrow(() -> new AssertionError("no WARN for the backend failure: " + logs.list));
        assertTrue(warn.getFormattedMessage().contains(REQUEST_ID), warn.getFormattedMessage());
        assertFalse(warn.getFormattedMessage().contains(owner.value()));
    }

    // ------------------------------------------------------------------ the value never leaves

    @Test
    void theValueIsNeverInAnAnswerOrALogLine() throws IOException {
        IssuedToken t = lambda.backend().token(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR");
        List<Map<String, Object>> answers = new ArrayList<>();
        answers.add(authorize(bearer(t, "acme")));
        answers.add(authorize(bearer(t, "globex")));
        answers.add(authorize(withPath(bearer(t, "acme"), Map.of("workspaceId", "ws-9"))));
        answers.add(authorize(event(t.value(), "acme")));
        try (HttpApiAuthorizerHandler h = handlerWith(HttpApiAuthorizer.PERMISSION_PROPERTY, "workspace.tokens.manage")) {
            answers.add(authorize(h, withPath(bearer(t, "acme"), Map.of("workspaceId", "ws-1"))));
        }
        try (HttpApiAuthorizerHandler h = handlerWith("latchkey.table-name", "latchkey-no-such-table")) {
            answers.add(authorize(h, bearer(t, "acme")));
        }
        lambda.backend().bean(RevokeToken.class).revoke(lambda.backend().caller(owner), "acme", t.token().id());
        answers.add(authorize(bearer(t, "acme")));

        assertEquals(Boolean.TRUE, answers.get(0).get("isAuthorized"), "the first answer is an allowed one");
        String secret = t.value().substring(t.value().indexOf('_') + 1);   // the random part, without the prefix
        for (Map<String, Object> answer : answers) {
            String json = JSON.writeValueAsString(answer);
            assertFalse(json.contains(secret), "the value leaked into " + json);
        }
        assertFalse(logs.list.isEmpty(), "refusals are logged");
        for (ILoggingEvent e : logs.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            assertFalse(line.contains(secret), "the value leaked into the log line " + line);
        }
    }

    @Test
    void theRolesStringListsEveryEntryInOrder() {
        var roles = List.of(
                dev.latchkey.domain.RoleAssignment.of(dev.latchkey.domain.EntityType.ORGANIZATION, "acme",
                        dev.latchkey.domain.Role.ORGANIZATION_MEMBER),
                dev.latchkey.domain.RoleAssignment.of(dev.latchkey.domain.EntityType.WORKSPACE, "ws-1",
                        dev.latchkey.domain.Role.WORKSPACE_AUTHOR),
                new dev.latchkey.domain.RoleAssignment(dev.latchkey.domain.EntityType.DAG_TAG, "team:a,b",
                        dev.latchkey.domain.Role.DAG_VIEWER, "dep-1"));
        assertEquals("ORGANIZATION:acme:ORGANIZATION_MEMBER,WORKSPACE:ws-1:WORKSPACE_AUTHOR,DAG_TAG:team%3Aa%2Cb:DAG_VIEWER:dep-1",
                HttpApiAuthorizer.roles(roles));
    }

    // ------------------------------------------------------------------ isolation

    @Test
    void aWorkspaceRoleDoesNotReachADeploymentOfAnotherWorkspaceWhateverTheRouteSays() {
        lambda.backend().workspace("acme", "ws-2");
        lambda.backend().deployment("acme", "dep-2", "ws-2");
        try (HttpApiAuthorizerHandler h = handlerWith(HttpApiAuthorizer.PERMISSION_PROPERTY, "deployment.deploy")) {
            assertDenied(authorize(h, withPath(bearer(author, "acme"), Map.of("workspaceId", "ws-1", "deploymentId", "dep-2"))));
            assertTrue(loggedReason().contains("SCOPE_MISMATCH"), loggedReason());
            assertAllowed(authorize(h, withPath(bearer(author, "acme"), Map.of("deploymentId", "dep-1"))));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutOrganization(Map<String, Object> event) {
        ((Map<String, Object>) event.get("pathParameters")).remove("organizationId");
        return event;
    }

    @Test
    void aRouteWithoutAnOrganizationIsDeniedAndSaidOncePerRoute() {
        try (HttpApiAuthorizerHandler h = handlerWith("latchkey.authorizer.unused", "x")) {
            for (int i = 0; i < 3; i++) {
                assertDenied(authorize(h, withoutOrganization(bearer(owner, "acme"))));
                assertDenied(authorize(h, withPath(withoutOrganization(bearer(deployer, "acme")), Map.of("deploymentId", "dep-1"))));
            }
        }
        long warnings = logs.list.stream().filter(e -> e.getFormattedMessage().contains("has no {organizationId} path parameter")).count();
        assertEquals(1, warnings, "one warning per route key, not one per request: " + logs.list);
    }

    @Test
    void aConfiguredOrganizationAnswersRoutesWithoutOneAndRefusesOthers() {
        try (HttpApiAuthorizerHandler h = handlerWith(HttpApiAuthorizer.ORGANIZATION_PROPERTY, "acme")) {
            assertAllowed(authorize(h, withPath(withoutOrganization(bearer(deployer, "acme")), Map.of("deploymentId", "dep-1"))));
            assertAllowed(authorize(h, bearer(owner, "acme")));
            assertDenied(authorize(h, bearer(owner, "globex")));
            assertTrue(loggedReason().contains("OTHER_ORGANIZATION"), loggedReason());
        }
    }
}
