package dev.latchkey.functions.manage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.access.Permission;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.store.AuditLog;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.Seed;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RoleInput;
import dev.latchkey.usecase.ValidateToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Custom Deployment and Dag roles through the manage handler: the routes, assignment at create and through the roles
 * route, validate's answers from the copied permissions, edits reaching every holder at once, delete, and the
 * no-escalation rule. Validate is asked through its use case on the same table (its GetItem is the whole question).
 */
class CustomRolesHandlerTest {

    static final String ORG = "acme";
    static final String ROLES = "/v1/organizations/" + ORG + "/roles";
    static final List<String> DEPLOYMENT_PERMISSIONS = java.util.Arrays.stream(Permission.values())
            .filter(p -> p.level() == Permission.Level.DEPLOYMENT).map(Permission::id).toList();

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static Backend b;
    static Seed seed;
    static IssuedToken owner;
    static IssuedToken operator;

    @BeforeAll
    static void seed() {
        b = lambda.backend();
        seed = Seed.twoWorkspaces(b, ORG);
        owner = seed.ownerToken();
        operator = seed.token(Scope.WORKSPACE, "ws-1", "WORKSPACE_OPERATOR");
    }

    static LambdaResponse call(String method, String path, IssuedToken as, String json) {
        HttpEvent event = HttpEvent.request(method, path).bearer(as.value());
        return lambda.invoke(json == null ? event : event.json(json));
    }

    /** Creates a role as the owner and answers its id. */
    static String createRole(String name, String scopeType, String... permissions) {
        LambdaResponse r = call("POST", ROLES, owner, roleJson(name, scopeType, List.of(permissions), null));
        assertEquals(200, r.status(), r.body());
        return r.json().get("id").asText();
    }

    static String roleJson(String name, String scopeType, List<String> permissions, List<String> restrictedWorkspaceIds) {
        StringBuilder json = new StringBuilder("{\"name\":\"" + name + "\"");
        if (scopeType != null) {
            json.append(",\"scopeType\":\"").append(scopeType).append('"');
        }
        json.append(",\"permissions\":[").append(permissions.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(","))).append(']');
        if (restrictedWorkspaceIds != null) {
            json.append(",\"restrictedWorkspaceIds\":[")
                    .append(restrictedWorkspaceIds.stream().map(w -> "\"" + w + "\"").collect(Collectors.joining(","))).append(']');
        }
        return json.append('}').toString();
    }

    static LambdaResponse update(String roleId, String name, List<String> permissions) {
        return call("POST", ROLES + "/" + roleId, owner, roleJson(name, null, permissions, null));
    }

    static ValidateToken.Code validate(IssuedToken token, String deploymentId, String workspaceId, String dagId, String permission) {
        return b.bean(ValidateToken.class).validate(token.value(), new ResourcePath(ORG, workspaceId, deploymentId, dagId), permission).code();
    }

    static LambdaResponse assign(IssuedToken by, IssuedToken target, String entityType, String entityId, String role, String deploymentId) {
        return call("POST", "/v1/organizations/" + ORG + "/tokens/" + target.token().id() + "/roles", by,
                "{\"roles\":[{\"entityType\":\"" + entityType + "\",\"entityId\":\"" + entityId + "\",\"role\":\"" + role + "\""
                        + (deploymentId == null ? "" : ",\"deploymentId\":\"" + deploymentId + "\"") + "}]}");
    }

    /** The permissions validate grants a deployment token on its own deployment dep-1. */
    static Set<String> granted(IssuedToken token) {
        return DEPLOYMENT_PERMISSIONS.stream().filter(p -> validate(token, "dep-1", "ws-1", null, p) == ValidateToken.Code.VALID)
                .collect(Collectors.toSet());
    }

    @Test
    void anotherOrganizationsOwnerCanNeitherReadNorChangeTheseRoles() {
        String id = createRole("Acme-only", "DEPLOYMENT", "deployment.read");
        IssuedToken stranger = b.owner("globex");
        String definition = roleJson("Acme-only", null, List.of("deployment.read", "deployment.deploy"), null);
        for (LambdaResponse r : List.of(call("GET", ROLES, stranger, null), call("GET", ROLES + "/" + id, stranger, null),
                call("POST", ROLES, stranger, roleJson("Intruder", "DEPLOYMENT", List.of("deployment.read"), null)),
                call("POST", ROLES + "/" + id, stranger, definition),
                call("DELETE", ROLES + "/" + id + "?force=true", stranger, null))) {
            assertEquals(404, r.status(), r.body());
        }
        JsonNode unchanged = call("GET", ROLES + "/" + id, owner, null).json();
        assertEquals(List.of("deployment.read"), java.util.stream.StreamSupport.stream(unchanged.get("permissions").spliterator(), false)
                .map(JsonNode::asText).toList(), "the stranger's update changed nothing");
        assertFalse(call("GET", ROLES, owner, null).body().contains("Intruder"), "nor created a role here");
    }

    @Test
    void createGetListAndTheCatalogue() {
        String id = createRole("Deployment_Viewer", "DEPLOYMENT", "deployment.read", "dag.read");
        LambdaResponse got = call("GET", ROLES + "/" + id, operator, null);
        assertEquals(200, got.status(), "any token of the organization reads roles");
        assertEquals("Deployment_Viewer", got.json().get("name").asText());
        assertEquals(List.of("deployment.read", "dag.read"), strings(got.json().get("permissions")));
        assertFalse(got.json().get("fanOutPending").asBoolean());

        LambdaResponse list = call("GET", ROLES + "?scopeTypes=DEPLOYMENT&sorts=name:asc&limit=50&includeDefaultRoles=true", owner, null);
        assertEquals(200, list.status(), list.body());
        assertTrue(strings(list.json().get("roles"), "name").contains("Deployment_Viewer"));
        assertTrue(strings(list.json().get("defaultRoles"), "name").contains("DEPLOYMENT_ADMIN"));
        assertEquals(400, call("GET", ROLES + "?scopeTypes=WORKSPACE", owner, null).status());
        assertEquals(400, call("GET", ROLES + "?unknown=1", owner, null).status());
        assertEquals(404, call("GET", ROLES + "/c0000000000000000000000000", owner, null).status());

        LambdaResponse groups = call("GET", "/v1/authorization/permission-groups?scopeType=DAG", operator, null);
        assertEquals(200, groups.status(), groups.body());
        assertEquals(List.of("dag"), strings(groups.json(), "name"));
        LambdaResponse all = call("GET", "/v1/authorization/permission-groups", operator, null);
        assertTrue(strings(all.json(), "name").containsAll(List.of("deployment", "deployment.logs", "dag")));
    }

    @Test
    void badDefinitionsAre400sWithEveryFieldAndWriteNothing() {
        int before = call("GET", ROLES + "?limit=1000", owner, null).json().get("totalCount").asInt();
        LambdaResponse bad = call("POST", ROLES, owner, roleJson("ok-name", "WORKSPACE", List.of("deployment.nope"), List.of("ws-1")));
        assertEquals(400, bad.status(), bad.body());
        assertEquals(Set.of("scopeType", "permissions[0]"), Set.copyOf(strings(bad.json().get("fieldErrors"), "field")));
        LambdaResponse wrongLevel = call("POST", ROLES, owner, roleJson("dag-only", "DAG", List.of("dag.read", "deployment.read", "workspace.read"), null));
        assertEquals(List.of("NOT_ALLOWED_FOR_SCOPE_TYPE", "NOT_ALLOWED_FOR_SCOPE_TYPE"), strings(wrongLevel.json().get("fieldErrors"), "code"));
        assertEquals("RESERVED", call("POST", ROLES, owner, roleJson("dag_viewer", "DAG", List.of("dag.read"), null))
                .json().get("fieldErrors").get(0).get("code").asText());
        assertEquals(400, call("POST", ROLES, owner, roleJson("has space", "DAG", List.of("dag.read"), null)).status());
        assertEquals(400, call("POST", ROLES, owner, roleJson("empty", "DAG", List.of(), null)).status());
        assertEquals(400, call("POST", ROLES, owner, roleJson("unregistered-ws", "DAG", List.of("dag.read"), List.of("ws-9"))).status());
        assertEquals(before, call("GET", ROLES + "?limit=1000", owner, null).json().get("totalCount").asInt());
    }

    @Test
    void namesAreUniqueWhateverTheCaseAndOnlyOwnersWrite() {
        String id = createRole("Release-Manager", "DEPLOYMENT", "deployment.deploy");
        assertEquals(409, call("POST", ROLES, owner, roleJson("release-manager", "DAG", List.of("dag.read"), null)).status());
        String other = createRole("Other-Role", "DEPLOYMENT", "deployment.read");
        assertEquals(409, update(other, "RELEASE-MANAGER", List.of("deployment.read")).status(), "a rename cannot take a name");
        assertEquals(200, update(other, "Other-Role-2", List.of("deployment.read")).status());
        assertEquals(200, call("POST", ROLES, owner, roleJson("Other-Role", "DAG", List.of("dag.read"), null)).status(),
                "a rename frees the old name");

        assertEquals(403, call("POST", ROLES, operator, roleJson("mine", "DAG", List.of("dag.read"), null)).status());
        assertEquals(403, call("POST", ROLES + "/" + id, operator, roleJson("x", null, List.of("deployment.read"), null)).status());
        assertEquals(403, call("DELETE", ROLES + "/" + id, operator, null).status());
        assertEquals(401, lambda.invoke(HttpEvent.request("GET", ROLES)).status());
    }

    @Test
    void validateAnswersFromTheRoleAndAnEditReachesEveryHolderAtOnce() {
        String id = createRole("Deployer", "DEPLOYMENT", "deployment.read", "deployment.deploy", "dag.trigger");
        IssuedToken created = seed.token(Scope.DEPLOYMENT, "dep-1", "Deployer");
        IssuedToken reRoledA = seed.token(Scope.DEPLOYMENT, "dep-1", "DEPLOYMENT_ADMIN");
        IssuedToken reRoledB = seed.token(Scope.DEPLOYMENT, "dep-1", "DEPLOYMENT_ADMIN");
        assertEquals(200, assign(owner, reRoledA, "DEPLOYMENT", "dep-1", "Deployer", null).status());
        assertEquals(200, assign(owner, reRoledB, "DEPLOYMENT", "dep-1", "Deployer", null).status());
        LambdaResponse shown = call("GET", "/v1/organizations/" + ORG + "/tokens/" + reRoledA.token().id(), owner, null);
        assertEquals("Deployer", shown.json().get("roles").get(0).get("role").asText());

        for (IssuedToken holder : List.of(created, reRoledA, reRoledB)) {
            assertEquals(Set.of("deployment.read", "deployment.deploy"), granted(holder));
            assertEquals(ValidateToken.Code.VALID, validate(holder, "dep-1", "ws-1", "etl", "dag.trigger"));
            assertEquals(ValidateToken.Code.INSUFFICIENT_PERMISSIONS, validate(holder, "dep-1", "ws-1", "etl", "dag.edit"));
        }

        LambdaResponse edited = update(id, "Deployer", List.of("deployment.read", "dag.trigger"));
        assertEquals(200, edited.status(), edited.body());
        assertFalse(edited.json().get("fanOutPending").asBoolean());
        for (IssuedToken holder : List.of(created, reRoledA, reRoledB)) {
            assertEquals(ValidateToken.Code.INSUFFICIENT_PERMISSIONS, validate(holder, "dep-1", "ws-1", null, "deployment.deploy"),
                    "the very next validate of every holder refuses the removed permission");
            assertEquals(ValidateToken.Code.VALID, validate(holder, "dep-1", "ws-1", null, "deployment.read"));
        }

        LambdaResponse renamed = update(id, "Deployer-2", List.of("deployment.read", "dag.trigger"));
        assertEquals(200, renamed.status());
        assertEquals("Deployer-2", call("GET", "/v1/organizations/" + ORG + "/tokens/" + created.token().id(), owner, null)
                .json().get("roles").get(0).get("role").asText());
    }

    @Test
    void concurrentEditsEndWithTheLastVersionOnEveryHolder() throws Exception {
        String id = createRole("Racer", "DEPLOYMENT", "deployment.read");
        List<IssuedToken> holders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            holders.add(seed.token(Scope.DEPLOYMENT, "dep-1", "Racer"));
        }
        List<List<String>> sets = List.of(List.of("deployment.read", "deployment.logs.read"), List.of("deployment.update"),
                List.of("deployment.deploy", "deployment.env.update"), List.of("deployment.read"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> editors = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int offset = t;
                editors.add(pool.submit(() -> {
                    for (int i = 0; i < 6; i++) {
                        List<String> set = sets.get((i + offset) % sets.size());
                        int status;
                        do {
                            status = update(id, "Racer", set).status();
                        } while (status == 409);
                        assertEquals(200, status);
                    }
                    return null;
                }));
            }
            for (Future<?> f : editors) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode last = call("GET", ROLES + "/" + id, owner, null).json();
        assertFalse(last.get("fanOutPending").asBoolean(), last.toString());
        Set<String> finalSet = Set.copyOf(strings(last.get("permissions")));
        for (IssuedToken holder : holders) {
            assertEquals(finalSet, granted(holder), "every holder carries the last version");
        }
    }

    @Test
    void deletingARoleInUseIs409UnlessForced() {
        String id = createRole("Doomed", "DEPLOYMENT", "deployment.logs.read");
        IssuedToken holder = seed.token(Scope.DEPLOYMENT, "dep-2", "Doomed");
        LambdaResponse refused = call("DELETE", ROLES + "/" + id, owner, null);
        assertEquals(409, refused.status(), refused.body());
        assertEquals(List.of(holder.token().id()), strings(refused.json().get("holders"), "id"));
        assertEquals(200, call("GET", ROLES + "/" + id, owner, null).status(), "a refused delete leaves the role");
        IssuedToken later = seed.token(Scope.DEPLOYMENT, "dep-2", "Doomed");
        assertEquals(ValidateToken.Code.VALID, validate(later, "dep-2", "ws-2", null, "deployment.logs.read"),
                "the role is still assignable after a refused delete");

        assertEquals(400, call("DELETE", ROLES + "/" + id + "?force=yes", owner, null).status());
        assertEquals(204, call("DELETE", ROLES + "/" + id + "?force=true", owner, null).status());
        assertEquals(404, call("GET", ROLES + "/" + id, owner, null).status());
        for (IssuedToken t : List.of(holder, later)) {
            assertEquals(ValidateToken.Code.INSUFFICIENT_PERMISSIONS, validate(t, "dep-2", "ws-2", null, "deployment.logs.read"));
            assertEquals(0, call("GET", "/v1/organizations/" + ORG + "/tokens/" + t.token().id(), owner, null).json().get("roles").size());
        }
        assertEquals(400, seedError(() -> seed.token(Scope.DEPLOYMENT, "dep-2", "Doomed")));
        List<AuditEvent.Action> actions = b.bean(AuditLog.class).page(ORG, Instant.EPOCH, Instant.now().plusSeconds(3600), null, 1000)
                .events().stream().map(AuditEvent::action).toList();
        assertTrue(actions.containsAll(List.of(AuditEvent.Action.CUSTOM_ROLE_CREATE, AuditEvent.Action.CUSTOM_ROLE_STRIP,
                AuditEvent.Action.CUSTOM_ROLE_DELETE)), actions.toString());
        assertEquals(204, call("DELETE", ROLES + "/" + createRole("Unused", "DAG", "dag.read"), owner, null).status());
    }

    @Test
    void nobodyGrantsACustomRoleWithAPermissionTheyLackThere() {
        createRole("Token-Admin", "DEPLOYMENT", "deployment.read", "deployment.tokens.manage");
        createRole("Reader", "DEPLOYMENT", "deployment.read", "deployment.logs.read");
        // A workspace token the operator manages, holding a deployment role inside its workspace.
        IssuedToken wsToken = b.token(operator, ORG, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER");
        String path = "/v1/organizations/" + ORG + "/tokens/" + wsToken.token().id() + "/roles";
        String entries = "{\"entityType\":\"WORKSPACE\",\"entityId\":\"ws-1\",\"role\":\"WORKSPACE_MEMBER\"},"
                + "{\"entityType\":\"DEPLOYMENT\",\"entityId\":\"dep-1\",\"role\":\"%s\"}";
        assertEquals(403, call("POST", path, operator, "{\"roles\":[" + entries.formatted("Token-Admin") + "]}").status(),
                "deployment.tokens.manage needs WORKSPACE_OWNER, which the operator lacks");
        assertEquals(200, call("POST", path, operator, "{\"roles\":[" + entries.formatted("Reader") + "]}").status());
        assertEquals(ValidateToken.Code.VALID, validate(wsToken, "dep-1", "ws-1", null, "deployment.logs.read"));

        LambdaResponse ws2Only = call("POST", ROLES, owner, roleJson("Ws2-Restricted", "DEPLOYMENT", List.of("deployment.read"), List.of("ws-2")));
        assertEquals(List.of("ws-2"), strings(ws2Only.json().get("restrictedWorkspaceIds")));
        assertEquals("RESTRICTED_ROLE", call("POST", path, owner, "{\"roles\":[" + entries.formatted("Ws2-Restricted") + "]}")
                .json().get("fieldErrors").get(0).get("code").asText());
        IssuedToken orgScoped = seed.token(Scope.ORGANIZATION, ORG, "ORGANIZATION_MEMBER");
        assertEquals(400, assign(owner, orgScoped, "ORGANIZATION", ORG, "Reader", null).status(), "a Deployment role fits deployments only");
    }

    @Test
    void dagRolesGrantTheirDagsOnly() {
        createRole("Dag-Runner", "DAG", "dag.read", "dag.trigger");
        // WORKSPACE_ACCESSOR reads dags but triggers none: dag.trigger can only come from the Dag role.
        IssuedToken token = seed.token(Scope.WORKSPACE, "ws-1", "WORKSPACE_ACCESSOR");
        LambdaResponse set = call("POST", "/v1/organizations/" + ORG + "/tokens/" + token.token().id() + "/roles", owner,
                "{\"roles\":[{\"entityType\":\"WORKSPACE\",\"entityId\":\"ws-1\",\"role\":\"WORKSPACE_ACCESSOR\"},"
                        + "{\"entityType\":\"DAG\",\"entityId\":\"etl\",\"role\":\"Dag-Runner\",\"deploymentId\":\"dep-1\"}]}");
        assertEquals(200, set.status(), set.body());
        assertEquals(ValidateToken.Code.VALID, validate(token, "dep-1", "ws-1", "etl", "dag.trigger"));
        assertEquals(ValidateToken.Code.INSUFFICIENT_PERMISSIONS, validate(token, "dep-1", "ws-1", "other", "dag.trigger"));
        assertEquals(ValidateToken.Code.INSUFFICIENT_PERMISSIONS, validate(token, "dep-1", "ws-1", "etl", "dag.edit"));

        IssuedToken deploymentToken = seed.token(Scope.DEPLOYMENT, "dep-1", "DEPLOYMENT_ADMIN");
        assertEquals("INVALID_ROLE", assign(owner, deploymentToken, "DEPLOYMENT", "dep-1", "Dag-Runner", null).json()
                .get("fieldErrors").get(0).get("code").asText(), "a Dag role fits dags and dag tags only");
        assertEquals("UNKNOWN_ROLE", assign(owner, deploymentToken, "DEPLOYMENT", "dep-1", "No-Such-Role", null).json()
                .get("fieldErrors").get(0).get("code").asText());
    }

    private static int seedError(Runnable action) {
        try {
            action.run();
            return 200;
        } catch (dev.latchkey.error.LatchkeyException e) {
            return e.kind() == dev.latchkey.error.LatchkeyException.Kind.INVALID_INPUT ? 400 : 0;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> strings(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
