package dev.latchkey.functions.manage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.testing.Backend;
import dev.latchkey.usecase.CreateToken;
import dev.latchkey.usecase.CreateTokenCommand;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RoleInput;
import dev.latchkey.usecase.ValidateToken;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/organizations/{organizationId}/tokens/{tokenId}/roles} through the Lambda handler. */
class RolesHandlerTest {

    static final String ORG = "acme";
    static final int DEPLOYMENTS = 8;

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static Backend b;
    static IssuedToken owner;
    static IssuedToken wsAOperator;
    static IssuedToken wsAOwner;
    static IssuedToken otherOwner;
    /** A ws-a token (WORKSPACE_AUTHOR + DEPLOYMENT_ADMIN on dep-a1) that every rejected request aims at. */
    static IssuedToken stable;
    static JsonNode stableRoles;
    static Instant stableUpdatedAt;

    @BeforeAll
    static void seed() {
        b = lambda.backend();
        Seed seed = Seed.organization(b, ORG).workspace("ws-a").workspace("ws-b");
        owner = seed.ownerToken();
        for (int i = 1; i <= DEPLOYMENTS; i++) {
            b.deployment(ORG, "dep-a" + i, "ws-a");
        }
        b.deployment(ORG, "dep-b1", "ws-b");
        wsAOperator = seed.token(Scope.WORKSPACE, "ws-a", "WORKSPACE_OPERATOR");
        wsAOwner = seed.token(Scope.WORKSPACE, "ws-a", "WORKSPACE_OWNER");
        otherOwner = b.owner("globex");

        stable = create("stable", Scope.WORKSPACE, "ws-a", "WORKSPACE_AUTHOR");
        b.roles(owner, stable, List.of(new RoleInput("WORKSPACE", "ws-a", "WORKSPACE_AUTHOR", null),
                new RoleInput("DEPLOYMENT", "dep-a1", "DEPLOYMENT_ADMIN", null)));
        JsonNode t = read(stable);
        stableRoles = t.get("roles");
        stableUpdatedAt = Instant.parse(t.get("updatedAt").asText());
        assertEquals(2, stableRoles.size());
    }

    // ---- helpers ----

    private static IssuedToken create(String name, Scope scope, String entityId, String role) {
        return b.bean(CreateToken.class).create(b.caller(owner), ORG,
                new CreateTokenCommand(name, null, scope, entityId, role, null, null), null);
    }

    static String r(String entityType, String entityId, String role) {
        return "{\"entityType\":\"" + entityType + "\",\"entityId\":\"" + entityId + "\",\"role\":\"" + role + "\"}";
    }

    static String dag(String entityType, String entityId, String role, String deploymentId) {
        return "{\"entityType\":\"" + entityType + "\",\"entityId\":\"" + entityId + "\",\"role\":\"" + role
                + "\",\"deploymentId\":\"" + deploymentId + "\"}";
    }

    static String body(String... entries) {
        return "{\"roles\":[" + String.join(",", entries) + "]}";
    }

    private static String path(IssuedToken target) {
        return "/v1/organizations/" + ORG + "/tokens/" + target.token().id() + "/roles";
    }

    private static LambdaResponse roles(IssuedToken as, IssuedToken target, String json) {
        return lambda.invoke(HttpEvent.request("POST", path(target)).bearer(as.value()).json(json));
    }

    private static JsonNode read(IssuedToken target) {
        LambdaResponse response = lambda.invoke(HttpEvent.request("GET",
                "/v1/organizations/" + ORG + "/tokens/" + target.token().id()).bearer(owner.value()));
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    /** A token's stored roles (GET) as comparable strings. */
    private static Set<String> stored(IssuedToken target) {
        Set<String> set = new HashSet<>();
        for (JsonNode r : read(target).get("roles")) {
            set.add(r.get("entityType").asText() + ":" + r.get("entityId").asText() + ":" + r.get("role").asText()
                    + (r.hasNonNull("deploymentId") ? "@" + r.get("deploymentId").asText() : ""));
        }
        return set;
    }

    /** A SubjectRoles answer as the same comparable strings (lenient about missing lists; the shape test is strict). */
    private static Set<String> fromSubjectRoles(JsonNode s) {
        Set<String> set = new HashSet<>();
        if (s.hasNonNull("organizationRole")) {
            set.add("ORGANIZATION:" + ORG + ":" + s.get("organizationRole").asText());
        }
        s.path("workspaceRoles").forEach(w -> set.add("WORKSPACE:" + w.get("workspaceId").asText() + ":" + w.get("role").asText()));
        s.path("deploymentRoles").forEach(d -> set.add("DEPLOYMENT:" + d.get("deploymentId").asText() + ":" + d.get("role").asText()));
        s.path("dagRoles").forEach(d -> set.add((d.hasNonNull("dagId") ? "DAG:" + d.get("dagId").asText() : "DAG_TAG:" + d.get("dagTag").asText())
                + ":" + d.get("role").asText() + "@" + d.get("deploymentId").asText()));
        return set;
    }

    private static void assertStableUnchanged() {
        JsonNode t = read(stable);
        assertEquals(stableRoles, t.get("roles"), "a rejected roles request must leave the roles as they were");
        assertEquals(stableUpdatedAt, Instant.parse(t.get("updatedAt").asText()), "a rejected roles request must not touch updatedAt");
    }

    private static ValidateToken.Code deploy(IssuedToken token, String deploymentId) {
        return b.bean(ValidateToken.class).validate(token.value(), new ResourcePath(ORG, "ws-a", deploymentId, null),
                "deployment.deploy").code();
    }

    private static void assertSubjectRolesShape(JsonNode s, String raw) {
        assertTrue(s.path("workspaceRoles").isArray(), "workspaceRoles is always an array, [] when empty: " + raw);
        assertTrue(s.path("deploymentRoles").isArray(), "deploymentRoles is always an array, [] when empty: " + raw);
        assertTrue(s.path("dagRoles").isArray(), "dagRoles is always an array, [] when empty: " + raw);
    }

    // ---- success ----

    @Test
    void replacingAWorkspaceTokensRolesAnswersSubjectRoles() {
        IssuedToken target = create("shape", Scope.WORKSPACE, "ws-a", "WORKSPACE_AUTHOR");
        LambdaResponse response = roles(owner, target, body(
                r("WORKSPACE", "ws-a", "WORKSPACE_MEMBER"),
                r("DEPLOYMENT", "dep-a1", "DEPLOYMENT_ADMIN"),
                dag("DAG", "etl_daily", "DAG_VIEWER", "dep-a1"),
                dag("DAG_TAG", "nightly", "DAG_AUTHOR", "dep-a2")));
        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("content-type").startsWith("application/json"));
        JsonNode s = response.json();
        assertSubjectRolesShape(s, response.body());
        assertFalse(s.hasNonNull("organizationRole"), "a workspace token has no organization role: " + response.body());
        assertEquals(1, s.get("workspaceRoles").size());
        assertEquals("ws-a", s.get("workspaceRoles").get(0).get("workspaceId").asText());
        assertEquals("WORKSPACE_MEMBER", s.get("workspaceRoles").get(0).get("role").asText());
        assertEquals(1, s.get("deploymentRoles").size());
        assertEquals("dep-a1", s.get("deploymentRoles").get(0).get("deploymentId").asText());
        assertEquals("DEPLOYMENT_ADMIN", s.get("deploymentRoles").get(0).get("role").asText());
        assertEquals(2, s.get("dagRoles").size());
        // Astro's DagRole: deploymentId and role, plus dagId for a dag or dagTag for a tag; nothing else.
        Set<Set<String>> dagShapes = new HashSet<>();
        s.get("dagRoles").forEach(d -> {
            Set<String> keys = new HashSet<>();
            d.fieldNames().forEachRemaining(keys::add);
            dagShapes.add(keys);
        });
        assertEquals(Set.of(Set.of("deploymentId", "dagId", "role"), Set.of("deploymentId", "dagTag", "role")), dagShapes, response.body());
        assertEquals(Set.of("WORKSPACE:ws-a:WORKSPACE_MEMBER", "DEPLOYMENT:dep-a1:DEPLOYMENT_ADMIN",
                "DAG:etl_daily:DAG_VIEWER@dep-a1", "DAG_TAG:nightly:DAG_AUTHOR@dep-a2"), fromSubjectRoles(s));
        assertFalse(response.body().contains(target.value()));

        assertEquals(fromSubjectRoles(s), stored(target), "GET shows exactly the new role set");
        assertEquals(owner.token().id(), read(target).get("updatedBy").get("id").asText());
    }

    @Test
    void anOrganizationTokensSubjectRolesCarryItsOrganizationRoleAndEmptyLists() {
        IssuedToken target = create("org shape", Scope.ORGANIZATION, ORG, "ORGANIZATION_MEMBER");
        LambdaResponse response = roles(owner, target, body(
                r("ORGANIZATION", ORG, "ORGANIZATION_BILLING_ADMIN"),
                r("WORKSPACE", "ws-b", "WORKSPACE_ACCESSOR")));
        assertEquals(200, response.status(), response.body());
        JsonNode s = response.json();
        assertEquals("ORGANIZATION_BILLING_ADMIN", s.path("organizationRole").asText(), response.body());
        assertEquals(Set.of("ORGANIZATION:acme:ORGANIZATION_BILLING_ADMIN", "WORKSPACE:ws-b:WORKSPACE_ACCESSOR"), fromSubjectRoles(s));
        assertEquals(fromSubjectRoles(s), stored(target));
        assertSubjectRolesShape(s, response.body());
        assertEquals(0, s.path("deploymentRoles").size());
        assertEquals(0, s.path("dagRoles").size());
    }

    @Test
    void validateSeesNewRolesAtOnce() {
        IssuedToken target = create("validate follows", Scope.WORKSPACE, "ws-a", "WORKSPACE_ACCESSOR");
        assertEquals(ValidateToken.Code.INSUFFICIENT_PERMISSIONS, deploy(target, "dep-a1"));

        LambdaResponse up = roles(owner, target, body(r("WORKSPACE", "ws-a", "WORKSPACE_AUTHOR")));
        assertEquals(200, up.status(), up.body());
        assertEquals(ValidateToken.Code.VALID, deploy(target, "dep-a1"), "the new role counts on the very next validate");

        LambdaResponse down = roles(owner, target, body(r("WORKSPACE", "ws-a", "WORKSPACE_ACCESSOR"),
                r("DEPLOYMENT", "dep-a2", "DEPLOYMENT_ADMIN")));
        assertEquals(200, down.status(), down.body());
        assertEquals(ValidateToken.Code.INSUFFICIENT_PERMISSIONS, deploy(target, "dep-a1"), "the removed role is gone at once");
        assertEquals(ValidateToken.Code.VALID, deploy(target, "dep-a2"));
    }

    @Test
    void aWorkspaceOperatorMayGrantUpToItsOwnRole() {
        IssuedToken target = create("operator grants", Scope.WORKSPACE, "ws-a", "WORKSPACE_MEMBER");
        LambdaResponse response = roles(wsAOperator, target, body(r("WORKSPACE", "ws-a", "WORKSPACE_OPERATOR"),
                r("DEPLOYMENT", "dep-a3", "DEPLOYMENT_ADMIN")));
        assertEquals(200, response.status(), response.body());
        assertEquals(Set.of("WORKSPACE:ws-a:WORKSPACE_OPERATOR", "DEPLOYMENT:dep-a3:DEPLOYMENT_ADMIN"), stored(target));
    }

    // ---- rejected, nothing changes ----

    static Stream<String> badBodies() {
        String own = r("WORKSPACE", "ws-a", "WORKSPACE_AUTHOR");
        return Stream.of(
                // empty, missing, wrong types, not JSON
                "{\"roles\":[]}",
                "{}",
                "{\"roles\":null}",
                "{\"roles\":\"WORKSPACE_OWNER\"}",
                "{\"roles\":{}}",
                "{\"roles\":[1]}",
                "{\"roles\":[null]}",
                "{\"roles\":[\"WORKSPACE_AUTHOR\"]}",
                "{\"roles\":[{\"entityType\":1,\"entityId\":\"ws-a\",\"role\":\"WORKSPACE_AUTHOR\"}]}",
                "{\"roles\":[{\"entityType\":\"WORKSPACE\",\"entityId\":[\"ws-a\"],\"role\":\"WORKSPACE_AUTHOR\"}]}",
                "{\"roles\":[{\"entityType\":\"WORKSPACE\",\"entityId\":\"ws-a\",\"role\":true}]}",
                "{bad",
                "{\"roles\":[" + own,
                "[" + own + "]",
                "[]",
                "null",
                "\"roles\"",
                "",
                // placement
                body(r("DEPLOYMENT", "dep-a1", "DEPLOYMENT_ADMIN")),
                body(own, r("WORKSPACE", "ws-a", "WORKSPACE_MEMBER")),
                body(own, own),
                body(own, r("DEPLOYMENT", "dep-a1", "DEPLOYMENT_ADMIN"), r("DEPLOYMENT", "dep-a1", "DEPLOYMENT_ADMIN")),
                body(own, r("WORKSPACE", "ws-b", "WORKSPACE_MEMBER")),
                body(own, r("DEPLOYMENT", "dep-b1", "DEPLOYMENT_ADMIN")),
                body(own, dag("DAG", "etl", "DAG_VIEWER", "dep-b1")),
                body(own, r("ORGANIZATION", ORG, "ORGANIZATION_MEMBER")),
                // names
                body(r("WORKSPACE", "ws-a", "WORKSPACE_KING")),
                body(r("WORKSPACE", "ws-a", "workspace_author")),
                body(r("CLUSTER", "ws-a", "WORKSPACE_AUTHOR")),
                body(r("workspace", "ws-a", "WORKSPACE_AUTHOR")),
                body(r("WORKSPACE", "ws-a", "DEPLOYMENT_ADMIN")),
                body(own, r("DEPLOYMENT", "dep-a1", "WORKSPACE_OWNER")),
                body(own, r("DAG", "etl", "DAG_VIEWER")),
                body(own, dag("DAG_TAG", "nightly", "DAG_AUTHOR", "..")),
                body(own, dag("DEPLOYMENT", "dep-a1", "DEPLOYMENT_ADMIN", "dep-a1")),
                body(own, r("DAG", "etl", "DEPLOYMENT_ADMIN").replace("}", ",\"deploymentId\":\"dep-a1\"}")),
                body("{\"entityType\":\"WORKSPACE\",\"role\":\"WORKSPACE_AUTHOR\"}"),
                body("{\"entityType\":\"WORKSPACE\",\"entityId\":\"ws-a\"}"),
                body("{\"entityId\":\"ws-a\",\"role\":\"WORKSPACE_AUTHOR\"}"),
                body(r("WORKSPACE", "..", "WORKSPACE_AUTHOR")),
                body(r("WORKSPACE", "ws-a/../ws-b", "WORKSPACE_AUTHOR")),
                body(r("WORKSPACE", "w" + "s".repeat(64), "WORKSPACE_AUTHOR")),
                // too many: 51 entries, all otherwise fine
                body(Stream.concat(Stream.of(own), IntStream.range(0, 50).mapToObj(i -> dag("DAG", "dag" + i, "DAG_VIEWER", "dep-a1")))
                        .toArray(String[]::new)));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void badBodiesAre400AndChangeNothing(String json) {
        LambdaResponse response = roles(owner, stable, json);
        assertEquals(400, response.status(), json.substring(0, Math.min(json.length(), 300)) + " -> " + response.body());
        response.errorBody();
        assertStableUnchanged();
    }

    @Test
    void unregisteredEntitiesAre404AndChangeNothing() {
        String own = r("WORKSPACE", "ws-a", "WORKSPACE_AUTHOR");
        for (String json : List.of(
                body(own, r("DEPLOYMENT", "dep-nope", "DEPLOYMENT_ADMIN")),
                body(own, dag("DAG", "etl", "DAG_VIEWER", "dep-nope")))) {
            LambdaResponse response = roles(owner, stable, json);
            assertEquals(404, response.status(), json + " -> " + response.body());
            response.errorBody();
            assertStableUnchanged();
        }
        IssuedToken org = create("org unregistered", Scope.ORGANIZATION, ORG, "ORGANIZATION_MEMBER");
        Set<String> before = stored(org);
        LambdaResponse response = roles(owner, org, body(r("ORGANIZATION", ORG, "ORGANIZATION_MEMBER"), r("WORKSPACE", "ws-nope", "WORKSPACE_MEMBER")));
        assertEquals(404, response.status(), response.body());
        response.errorBody();
        assertEquals(before, stored(org));
    }

    @Test
    void aWorkspaceOperatorCannotGrantWorkspaceOwner() {
        LambdaResponse response = roles(wsAOperator, stable, body(r("WORKSPACE", "ws-a", "WORKSPACE_OWNER"),
                r("DEPLOYMENT", "dep-a1", "DEPLOYMENT_ADMIN")));
        assertEquals(403, response.status(), response.body());
        response.errorBody();
        assertStableUnchanged();
        assertEquals(ValidateToken.Code.INSUFFICIENT_PERMISSIONS, b.bean(ValidateToken.class).validate(stable.value(),
                new ResourcePath(ORG, "ws-a", null, null), "workspace.users.manage").code(), "validate must not see the refused role");
    }

    @Test
    void aWorkspaceOperatorCannotDemoteAWorkspaceOwner() {
        IssuedToken ownerToken = create("ws-a owner to demote", Scope.WORKSPACE, "ws-a", "WORKSPACE_OWNER");
        Set<String> before = stored(ownerToken);
        LambdaResponse response = roles(wsAOperator, ownerToken, body(r("WORKSPACE", "ws-a", "WORKSPACE_MEMBER")));
        assertEquals(403, response.status(), response.body());
        response.errorBody();
        assertEquals(before, stored(ownerToken));
    }

    @Test
    void aWorkspaceAuthorCannotChangeRolesAtAll() {
        IssuedToken author = create("author caller", Scope.WORKSPACE, "ws-a", "WORKSPACE_AUTHOR");
        LambdaResponse response = roles(author, stable, body(r("WORKSPACE", "ws-a", "WORKSPACE_MEMBER")));
        assertEquals(403, response.status(), response.body());
        response.errorBody();
        assertStableUnchanged();
    }

    @Test
    void aWorkspaceOperatorManagesOnlyTheWsAEntriesOfAnOrganizationToken() {
        IssuedToken org = create("org with two workspaces", Scope.ORGANIZATION, ORG, "ORGANIZATION_MEMBER");
        b.roles(owner, org, List.of(new RoleInput("ORGANIZATION", ORG, "ORGANIZATION_MEMBER", null),
                new RoleInput("WORKSPACE", "ws-a", "WORKSPACE_MEMBER", null),
                new RoleInput("WORKSPACE", "ws-b", "WORKSPACE_MEMBER", null)));
        String orgMember = r("ORGANIZATION", ORG, "ORGANIZATION_MEMBER");
        String wsBMember = r("WORKSPACE", "ws-b", "WORKSPACE_MEMBER");

        LambdaResponse allowed = roles(wsAOperator, org, body(orgMember, r("WORKSPACE", "ws-a", "WORKSPACE_AUTHOR"), wsBMember));
        assertEquals(200, allowed.status(), allowed.body());
        Set<String> afterAllowed = Set.of("ORGANIZATION:acme:ORGANIZATION_MEMBER", "WORKSPACE:ws-a:WORKSPACE_AUTHOR",
                "WORKSPACE:ws-b:WORKSPACE_MEMBER");
        assertEquals(afterAllowed, fromSubjectRoles(allowed.json()));
        assertEquals(afterAllowed, stored(org));

        LambdaResponse deploymentInWsA = roles(wsAOperator, org, body(orgMember, r("WORKSPACE", "ws-a", "WORKSPACE_AUTHOR"), wsBMember,
                r("DEPLOYMENT", "dep-a2", "DEPLOYMENT_ADMIN")));
        assertEquals(200, deploymentInWsA.status(), "a deployment of ws-a is the operator's too: " + deploymentInWsA.body());
        Set<String> current = stored(org);
        assertTrue(current.contains("DEPLOYMENT:dep-a2:DEPLOYMENT_ADMIN"));

        String wsAAuthor = r("WORKSPACE", "ws-a", "WORKSPACE_AUTHOR");
        String depA2 = r("DEPLOYMENT", "dep-a2", "DEPLOYMENT_ADMIN");
        for (String json : List.of(
                body(orgMember, wsAAuthor, r("WORKSPACE", "ws-b", "WORKSPACE_AUTHOR"), depA2),    // changes ws-b
                body(orgMember, wsAAuthor, depA2),                                                 // removes ws-b
                body(orgMember, wsAAuthor, wsBMember, depA2, r("DEPLOYMENT", "dep-b1", "DEPLOYMENT_ADMIN")), // adds in ws-b
                body(r("ORGANIZATION", ORG, "ORGANIZATION_BILLING_ADMIN"), wsAAuthor, wsBMember, depA2), // changes the org entry
                body(r("ORGANIZATION", ORG, "ORGANIZATION_OWNER"), wsAAuthor, wsBMember, depA2),  // and escalates
                body(orgMember, r("WORKSPACE", "ws-a", "WORKSPACE_OWNER"), wsBMember, depA2))) {  // escalates in ws-a
            LambdaResponse refused = roles(wsAOperator, org, json);
            assertEquals(403, refused.status(), json + " -> " + refused.body());
            refused.errorBody();
            assertEquals(current, stored(org), "a refused change leaves every entry as it was: " + json);
        }
        assertEquals(ValidateToken.Code.INSUFFICIENT_PERMISSIONS, b.bean(ValidateToken.class).validate(org.value(),
                new ResourcePath(ORG, null, null, null), "organization.billing.manage").code());
    }

    @Test
    void aWorkspaceOperatorMayNotChangeTheRolesOfADeploymentToken() {
        IssuedToken dep = create("dep-a4 token", Scope.DEPLOYMENT, "dep-a4", "DEPLOYMENT_ADMIN");
        Set<String> before = stored(dep);
        LambdaResponse refused = roles(wsAOperator, dep, body(r("DEPLOYMENT", "dep-a4", "DEPLOYMENT_ADMIN"),
                dag("DAG", "etl", "DAG_AUTHOR", "dep-a4")));
        assertEquals(403, refused.status(), "deployment tokens are managed by WORKSPACE_OWNER only (docs/design.md §2): " + refused.body());
        refused.errorBody();
        assertEquals(before, stored(dep));

        LambdaResponse allowed = roles(wsAOwner, dep, body(r("DEPLOYMENT", "dep-a4", "DEPLOYMENT_ADMIN"),
                dag("DAG", "etl", "DAG_AUTHOR", "dep-a4")));
        assertEquals(200, allowed.status(), allowed.body());
        assertEquals(Set.of("DEPLOYMENT:dep-a4:DEPLOYMENT_ADMIN", "DAG:etl:DAG_AUTHOR@dep-a4"), stored(dep));
    }

    /**
     * Posting a token's current role set changes nothing, so it used to answer 200 with the full SubjectRoles before any
     * permission check: a caller could confirm a guessed role set of a token it may not read. The caller's rights are
     * checked first; without them the answer is the 403 any other change gets, and it names no role.
     */
    @Test
    void theCurrentSetFromACallerWithoutRightsIs403LikeAnyOtherChange() {
        IssuedToken wsAMember = create("ws-a member caller", Scope.WORKSPACE, "ws-a", "WORKSPACE_MEMBER");
        IssuedToken depA2Admin = create("dep-a2 admin caller", Scope.DEPLOYMENT, "dep-a2", "DEPLOYMENT_ADMIN");
        IssuedToken depA3 = create("dep-a3 sibling", Scope.DEPLOYMENT, "dep-a3", "DEPLOYMENT_ADMIN");
        IssuedToken depA2Sibling = create("dep-a2 sibling", Scope.DEPLOYMENT, "dep-a2", "DEPLOYMENT_ADMIN");
        b.roles(owner, depA3, List.of(new RoleInput("DEPLOYMENT", "dep-a3", "DEPLOYMENT_ADMIN", null),
                new RoleInput("DAG_TAG", "finance", "DAG_AUTHOR", "dep-a3")));
        String stableSet = body(r("WORKSPACE", "ws-a", "WORKSPACE_AUTHOR"), r("DEPLOYMENT", "dep-a1", "DEPLOYMENT_ADMIN"));
        String stableWrongGuess = body(r("WORKSPACE", "ws-a", "WORKSPACE_AUTHOR"), r("DEPLOYMENT", "dep-a2", "DEPLOYMENT_ADMIN"));
        String depA3Set = body(r("DEPLOYMENT", "dep-a3", "DEPLOYMENT_ADMIN"), dag("DAG_TAG", "finance", "DAG_AUTHOR", "dep-a3"));
        String depA3WrongGuess = body(r("DEPLOYMENT", "dep-a3", "DEPLOYMENT_ADMIN"), dag("DAG_TAG", "finance", "DAG_VIEWER", "dep-a3"));
        String siblingSet = body(r("DEPLOYMENT", "dep-a2", "DEPLOYMENT_ADMIN"));

        record Attempt(IssuedToken as, IssuedToken target, String right, String wrong) {
        }
        for (Attempt a : List.of(new Attempt(wsAMember, stable, stableSet, stableWrongGuess),
                new Attempt(depA2Admin, depA3, depA3Set, depA3WrongGuess),
                new Attempt(depA2Admin, depA2Sibling, siblingSet, body(r("DEPLOYMENT", "dep-a2", "DEPLOYMENT_ADMIN"),
                        dag("DAG", "etl", "DAG_VIEWER", "dep-a2"))))) {
            Set<String> before = stored(a.target());
            LambdaResponse right = roles(a.as(), a.target(), a.right());
            LambdaResponse wrong = roles(a.as(), a.target(), a.wrong());
            String what = a.as().token().name() + " on " + a.target().token().name();
            assertEquals(403, right.status(), what + ", current set: " + right.body());
            assertEquals(403, wrong.status(), what + ", wrong guess: " + wrong.body());
            JsonNode rightError = right.errorBody();
            assertEquals(rightError.get("message").asText(), wrong.errorBody().get("message").asText(),
                    what + ": a right and a wrong guess must be indistinguishable");
            assertFalse(right.body().contains("Roles\""), what + ": a refusal carries no SubjectRoles: " + right.body());
            assertEquals(before, stored(a.target()));
        }
        assertStableUnchanged();
    }

    @Test
    void theCurrentSetOfAnOrganizationTokenIsRefusedToAWorkspaceOperatorWhoCannotReadIt() {
        IssuedToken wsBOnly = create("org token in ws-b only", Scope.ORGANIZATION, ORG, "ORGANIZATION_MEMBER");
        b.roles(owner, wsBOnly, List.of(new RoleInput("ORGANIZATION", ORG, "ORGANIZATION_MEMBER", null),
                new RoleInput("WORKSPACE", "ws-b", "WORKSPACE_AUTHOR", null)));
        String current = body(r("ORGANIZATION", ORG, "ORGANIZATION_MEMBER"), r("WORKSPACE", "ws-b", "WORKSPACE_AUTHOR"));
        LambdaResponse get = lambda.invoke(HttpEvent.request("GET", "/v1/organizations/" + ORG + "/tokens/" + wsBOnly.token().id())
                .bearer(wsAOperator.value()));
        assertEquals(403, get.status(), "the operator of ws-a may not read it: " + get.body());
        LambdaResponse right = roles(wsAOperator, wsBOnly, current);
        LambdaResponse wrong = roles(wsAOperator, wsBOnly, body(r("ORGANIZATION", ORG, "ORGANIZATION_MEMBER"),
                r("WORKSPACE", "ws-b", "WORKSPACE_MEMBER")));
        assertEquals(403, right.status(), right.body());
        assertEquals(403, wrong.status(), wrong.body());
        assertEquals(right.errorBody().get("message").asText(), wrong.errorBody().get("message").asText(),
                "a right and a wrong guess must be indistinguishable");
        assertFalse(right.body().contains("WORKSPACE_AUTHOR"), right.body());

        // Whoever may read the token still gets the unchanged set back.
        LambdaResponse asOwner = roles(owner, wsBOnly, current);
        assertEquals(200, asOwner.status(), asOwner.body());
        assertEquals(Set.of("ORGANIZATION:acme:ORGANIZATION_MEMBER", "WORKSPACE:ws-b:WORKSPACE_AUTHOR"), fromSubjectRoles(asOwner.json()));
    }

    @Test
    void theCurrentSetFromACallerWithRightsIs200AndChangesNothing() {
        LambdaResponse response = roles(wsAOperator, stable, body(r("WORKSPACE", "ws-a", "WORKSPACE_AUTHOR"),
                r("DEPLOYMENT", "dep-a1", "DEPLOYMENT_ADMIN")));
        assertEquals(200, response.status(), response.body());
        assertEquals(Set.of("WORKSPACE:ws-a:WORKSPACE_AUTHOR", "DEPLOYMENT:dep-a1:DEPLOYMENT_ADMIN"), fromSubjectRoles(response.json()));
        assertStableUnchanged();
    }

    @Test
    void wrongMediaTypeIs415() {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", path(stable)).bearer(owner.value())
                .header("content-type", "text/plain").body(body(r("WORKSPACE", "ws-a", "WORKSPACE_MEMBER"))));
        assertEquals(415, response.status(), response.body());
        response.errorBody();
        assertStableUnchanged();
    }

    @Test
    void twoMebibyteBodyIs413() {
        String json = "{\"roles\":[" + r("WORKSPACE", "ws-a", "WORKSPACE_MEMBER") + "],\"pad\":\"" + "p".repeat(2 * 1024 * 1024) + "\"}";
        LambdaResponse response = roles(owner, stable, json);
        assertEquals(413, response.status(), String.valueOf(response.status()));
        response.errorBody();
        assertStableUnchanged();
    }

    @Test
    void noBearerIs401AndOtherOrganizationIs404() {
        String json = body(r("WORKSPACE", "ws-a", "WORKSPACE_MEMBER"));
        LambdaResponse anonymous = lambda.invoke(HttpEvent.request("POST", path(stable)).json(json));
        assertEquals(401, anonymous.status(), anonymous.body());
        anonymous.errorBody();
        LambdaResponse foreign = roles(otherOwner, stable, json);
        assertEquals(404, foreign.status(), foreign.body());
        foreign.errorBody();
        assertStableUnchanged();
    }

    @Test
    void unknownTokenIs404AndBadIdIs400() {
        String json = body(r("WORKSPACE", "ws-a", "WORKSPACE_MEMBER"));
        LambdaResponse unknown = lambda.invoke(HttpEvent.request("POST", "/v1/organizations/" + ORG + "/tokens/c0123456789abcdefghijklmn/roles")
                .bearer(owner.value()).json(json));
        assertEquals(404, unknown.status(), unknown.body());
        unknown.errorBody();
        LambdaResponse bad = lambda.invoke(HttpEvent.request("POST", "/v1/organizations/" + ORG + "/tokens/c..x/roles")
                .bearer(owner.value()).json(json));
        assertEquals(400, bad.status(), bad.body());
        bad.errorBody();
    }

    // ---- concurrency ----

    @Test
    void concurrentReplacementsNeitherLoseNorMergeUpdates() throws Exception {
        IssuedToken target = create("contended", Scope.WORKSPACE, "ws-a", "WORKSPACE_ACCESSOR");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 3; round++) {
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    // Each thread sets a different pair of deployments; a merge of two would show three or four.
                    int first = (i + round) % DEPLOYMENTS + 1;
                    int second = (i + round + 1) % DEPLOYMENTS + 1;
                    bodies.add(body(r("WORKSPACE", "ws-a", "WORKSPACE_ACCESSOR"),
                            r("DEPLOYMENT", "dep-a" + first, "DEPLOYMENT_ADMIN"),
                            r("DEPLOYMENT", "dep-a" + second, "DEPLOYMENT_ADMIN")));
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Future<LambdaResponse>> futures = new ArrayList<>();
                for (String json : bodies) {
                    futures.add(pool.submit(() -> {
                        go.await();
                        return roles(owner, target, json);
                    }));
                }
                go.countDown();
                List<Set<String>> winners = new ArrayList<>();
                List<Integer> statuses = new ArrayList<>();
                for (Future<LambdaResponse> f : futures) {
                    LambdaResponse response = f.get(60, TimeUnit.SECONDS);
                    statuses.add(response.status());
                    assertTrue(response.status() == 200 || response.status() == 409,
                            "round " + round + ": a contended update is 200 or 409, got " + response.status() + " " + response.body());
                    if (response.status() == 200) {
                        winners.add(fromSubjectRoles(response.json()));
                    } else {
                        response.errorBody();
                    }
                }
                assertFalse(winners.isEmpty(), "round " + round + ": at least one update wins: " + statuses);
                Set<String> finalRoles = stored(target);
                assertEquals(3, finalRoles.size(), "round " + round + ": no merged role set: " + finalRoles);
                assertTrue(winners.contains(finalRoles), "round " + round + ": the stored roles " + finalRoles
                        + " must equal one accepted answer " + winners + " (statuses " + statuses + ")");

                // validate reads the hash item: it must agree with the token item.
                Set<String> admin = finalRoles.stream().filter(s -> s.startsWith("DEPLOYMENT:"))
                        .map(s -> s.split(":")[1]).collect(Collectors.toSet());
                for (int i = 1; i <= DEPLOYMENTS; i++) {
                    String dep = "dep-a" + i;
                    assertEquals(admin.contains(dep) ? ValidateToken.Code.VALID : ValidateToken.Code.INSUFFICIENT_PERMISSIONS,
                            deploy(target, dep), "round " + round + ": validate disagrees with the stored roles on " + dep);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** API Gateway need not pass a {@code content-length}; the body is read from the event all the same. */
    @Test
    void aBodyWithoutAContentLengthHeaderIsRead() {
        IssuedToken target = create("no length", Scope.WORKSPACE, "ws-a", "WORKSPACE_AUTHOR");
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", path(target)).bearer(owner.value())
                .json(body(r("WORKSPACE", "ws-a", "WORKSPACE_MEMBER"))).without("content-length"));
        assertEquals(200, response.status(), response.body());
        assertEquals(Set.of("WORKSPACE:ws-a:WORKSPACE_MEMBER"), stored(target));
    }
}
