package dev.latchkey.functions.manage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.Seed;
import dev.latchkey.usecase.IssuedToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET .../workspaces} and {@code GET .../deployments} through the Lambda handler: Astro's paginated shape,
 * the filters and sorts, and who sees which entity.
 */
class EntityListHandlerTest {

    static final String ORG = "lists";

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static IssuedToken owner;
    static IssuedToken member;
    static IssuedToken workspaceAccessor;
    static IssuedToken deploymentAdmin;
    static IssuedToken otherOwner;

    @BeforeAll
    static void seed() {
        Backend b = lambda.backend();
        // Created a second apart in this order, so that creation order is not id order. The backend's clock then goes
        // back: the handler reads real time, and the tokens made below must not start in its future.
        Seed seed = Seed.organization(b, ORG);
        for (String workspace : List.of("ws-c", "ws-a", "ws-b")) {
            seed.workspace(workspace);
            b.clock().advance(Duration.ofSeconds(1));
        }
        b.clock().advance(Duration.ofSeconds(-3));
        seed.deployment("dep-b1", "ws-b").deployment("dep-a2", "ws-a").deployment("dep-a1", "ws-a").deployment("dep-c1", "ws-c");
        owner = seed.ownerToken();
        member = seed.token(Scope.ORGANIZATION, ORG, "ORGANIZATION_MEMBER");
        workspaceAccessor = seed.token(Scope.WORKSPACE, "ws-a", "WORKSPACE_ACCESSOR");
        deploymentAdmin = seed.token(Scope.DEPLOYMENT, "dep-b1", "DEPLOYMENT_ADMIN");
        otherOwner = b.owner("lists-other");
        Seed.organization(b, "lists-third").workspace("ws-elsewhere");
    }

    static LambdaResponse list(IssuedToken as, String kindAndQuery) {
        return lambda.invoke(HttpEvent.request("GET", "/v1/organizations/" + ORG + "/" + kindAndQuery).bearer(as.value()));
    }

    /** The ids of the page under {@code key}, after checking the answer is a 200. */
    static List<String> ids(LambdaResponse response, String key) {
        assertEquals(200, response.status(), response.body());
        List<String> ids = new ArrayList<>();
        response.json().get(key).forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

    @Test
    void theOwnerListsEveryWorkspaceInIdOrderWithAstrosPageFields() {
        LambdaResponse response = list(owner, "workspaces");
        assertEquals(List.of("ws-a", "ws-b", "ws-c"), ids(response, "workspaces"));
        JsonNode body = response.json();
        assertEquals(3, body.get("totalCount").asInt());
        assertEquals(0, body.get("offset").asInt());
        assertEquals(20, body.get("limit").asInt());
        JsonNode first = body.get("workspaces").get(0);
        assertEquals("WORKSPACE", first.get("type").asText());
        assertEquals(ORG, first.get("organizationId").asText());
        assertTrue(first.hasNonNull("createdAt") && first.hasNonNull("updatedAt"), response.body());
        assertTrue(!body.has("deployments"), response.body());
    }

    @Test
    void deploymentsCarryTheirWorkspaceAndFilterByWorkspaceAndId() {
        assertEquals(List.of("dep-a1", "dep-a2", "dep-b1", "dep-c1"), ids(list(owner, "deployments"), "deployments"));
        LambdaResponse inA = list(owner, "deployments?workspaceIds=ws-a");
        assertEquals(List.of("dep-a1", "dep-a2"), ids(inA, "deployments"));
        assertEquals("ws-a", inA.json().get("deployments").get(0).get("workspaceId").asText());
        assertEquals(List.of("dep-a1", "dep-b1"), ids(list(owner, "deployments?workspaceIds=ws-a&workspaceIds=ws-b&deploymentIds=dep-b1,dep-a1"), "deployments"));
        assertEquals(List.of("ws-a", "ws-c"), ids(list(owner, "workspaces?workspaceIds=ws-c,ws-a,ws-unknown"), "workspaces"));
    }

    @Test
    void pagesAndSortsAsTheTokenListDoes() {
        LambdaResponse page = list(owner, "deployments?limit=2&offset=1&sorts=workspaceId:desc&sorts=id:desc");
        assertEquals(List.of("dep-b1", "dep-a2"), ids(page, "deployments"));
        assertEquals(4, page.json().get("totalCount").asInt());
        assertEquals(2, page.json().get("limit").asInt());
        assertEquals(1, page.json().get("offset").asInt());
        LambdaResponse none = list(owner, "workspaces?limit=0");
        assertEquals(List.of(), ids(none, "workspaces"));
        assertEquals(3, none.json().get("totalCount").asInt(), "an empty page still counts");
        assertEquals(List.of(), ids(list(owner, "workspaces?offset=10"), "workspaces"));
        assertEquals(List.of("ws-b", "ws-a", "ws-c"), ids(list(owner, "workspaces?sorts=createdAt:desc"), "workspaces"));
    }

    @Test
    void anOrganizationRoleSeesEverything() {
        assertEquals(List.of("ws-a", "ws-b", "ws-c"), ids(list(member, "workspaces"), "workspaces"));
        assertEquals(List.of("dep-a1", "dep-a2", "dep-b1", "dep-c1"), ids(list(member, "deployments"), "deployments"));
    }

    @Test
    void aWorkspaceRoleSeesItsWorkspaceAndItsDeployments() {
        assertEquals(List.of("ws-a"), ids(list(workspaceAccessor, "workspaces"), "workspaces"));
        assertEquals(List.of("dep-a1", "dep-a2"), ids(list(workspaceAccessor, "deployments"), "deployments"));
        LambdaResponse filtered = list(workspaceAccessor, "deployments?workspaceIds=ws-b");
        assertEquals(List.of(), ids(filtered, "deployments"));
        assertEquals(0, filtered.json().get("totalCount").asInt(), "the count does not betray what the caller cannot see");
    }

    @Test
    void aDeploymentRoleSeesItsOwnDeploymentOnly() {
        assertEquals(List.of(), ids(list(deploymentAdmin, "workspaces"), "workspaces"));
        assertEquals(List.of("dep-b1"), ids(list(deploymentAdmin, "deployments"), "deployments"));
    }

    @Test
    void anotherOrganizationIsNotFoundAndAMissingTokenIs401() {
        LambdaResponse foreign = list(otherOwner, "workspaces");
        assertEquals(404, foreign.status(), foreign.body());
        foreign.errorBody();
        LambdaResponse anonymous = lambda.invoke(HttpEvent.request("GET", "/v1/organizations/" + ORG + "/deployments"));
        assertEquals(401, anonymous.status(), anonymous.body());
        anonymous.errorBody();
    }

    @ParameterizedTest
    @ValueSource(strings = {"workspaces?limit=1001", "workspaces?offset=-1", "workspaces?limit=x", "workspaces?sorts=name:asc",
            "workspaces?sorts=id", "deployments?sorts=workspaceId:up", "workspaces?workspaceIds=../x", "deployments?deploymentIds=a,,b",
            "workspaces?names=analytics", "workspaces?deploymentIds=dep-a1"})
    void badQueriesAre400WithTheErrorBody(String kindAndQuery) {
        LambdaResponse response = list(owner, kindAndQuery);
        assertEquals(400, response.status(), response.body());
        response.errorBody();
    }
}
