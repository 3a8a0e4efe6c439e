package dev.latchkey.functions.manage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.http.testing.AstroApi;
import dev.latchkey.http.testing.ConformanceScene;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.usecase.IssuedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.latchkey.http.testing.ConformanceScene.DEPLOYMENT;
import static dev.latchkey.http.testing.ConformanceScene.ORG;
import static dev.latchkey.http.testing.ConformanceScene.WORKSPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The manage function's token routes (ListApiTokens, GetApiToken, UpdateApiToken, UpdateApiTokenRoles) answer what
 * Astro's published schemas describe, for successes and errors alike; requests are Astro-shaped too.
 */
class ManageConformanceTest {

    @RegisterExtension
    static final ConformanceScene.InLambda fixture = ConformanceScene.inLambda();

    private static LambdaResponse get(IssuedToken as, String path) {
        return ConformanceScene.call(fixture.lambda(), "GET", path, null, as);
    }

    private static LambdaResponse post(IssuedToken as, String path, String json) {
        return ConformanceScene.call(fixture.lambda(), "POST", path, json, as);
    }

    private static boolean hasDagEntries(JsonNode token) {
        for (JsonNode r : token.path("roles")) {
            if (r.path("entityType").asText().startsWith("DAG")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<String>> parse(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    // ---- GetApiToken ----

    @Test
    void getAnswersAnApiTokenForEachScope() {
        for (IssuedToken t : List.of(fixture.scene().owner, fixture.scene().organizationToken, fixture.scene().workspaceToken, fixture.scene().deploymentToken)) {
            LambdaResponse response = get(fixture.scene().owner, ConformanceScene.tokenPath(t));
            assertEquals(200, response.status(), response.body());
            AstroApi.assertConforms("GetApiToken", response);
        }
        LambdaResponse dags = get(fixture.scene().owner, ConformanceScene.tokenPath(fixture.scene().dagReader));
        assertEquals(200, dags.status(), dags.body());
        AstroApi.assertV1Response("GetApiToken", dags);
    }

    // ---- ListApiTokens ----

    static Stream<String> listQueries() {
        List<String> queries = new ArrayList<>(List.of("", "workspaceId=" + WORKSPACE, "deploymentId=" + DEPLOYMENT,
                "includeOnlyOrganizationTokens=true", "includeOnlyOrganizationTokens=false", "kind=STANDARD",
                "kind=DIRECT_ACCESS", "offset=1&limit=2", "offset=100", "limit=0", "limit=1000", "dagId=etl_daily",
                "dagTags=nightly", "dagTags=nightly&dagTags=finance", "dagId=etl_daily&dagTags=nightly&deploymentId=" + DEPLOYMENT,
                "workspaceId=" + WORKSPACE + "&includeOnlyOrganizationTokens=true&sorts=name:asc&sorts=createdAt:desc"));
        // Every sort key Astro lists, read from its spec rather than from Latchkey.
        AstroApi.V1BETA1.queryEnum("ListApiTokens", "sorts").forEach(s -> queries.add("sorts=" + s));
        AstroApi.V1.queryEnum("ListApiTokens", "sorts").forEach(s -> queries.add("sorts=" + s + "&limit=3"));
        return queries.stream();
    }

    @ParameterizedTest
    @MethodSource("listQueries")
    void listAnswersApiTokensPaginatedForEveryFilterAndSort(String query) {
        Map<String, List<String>> params = parse(query);
        // The query is Astro's: v1beta1's limits and enums where it declares the parameter, v1 for the rest.
        AstroApi.V1BETA1.assertQuery("ListApiTokens", params, true);
        AstroApi.V1.assertQuery("ListApiTokens", params, false);
        LambdaResponse response = get(fixture.scene().owner, ConformanceScene.tokensPath() + (query.isEmpty() ? "" : "?" + query));
        assertEquals(200, response.status(), query + " -> " + response.body());
        AstroApi.V1.assertResponse("ListApiTokens", response);
        boolean dags = false;
        for (JsonNode t : response.json().path("tokens")) {
            dags |= hasDagEntries(t);
        }
        if (!dags) {
            AstroApi.V1BETA1.assertResponse("ListApiTokens", response);
        }
    }

    // ---- UpdateApiToken ----

    @Test
    void updateTakesAndAnswersAstrosShapes() {
        String body = "{\"name\":\"renamed for conformance\",\"description\":\"" + "d".repeat(500) + "\"}";
        AstroApi.V1BETA1.assertRequest("UpdateApiToken", body);
        AstroApi.V1.assertRequest("UpdateApiToken", body);
        LambdaResponse response = post(fixture.scene().owner, ConformanceScene.tokenPath(fixture.scene().workspaceToken), body);
        assertEquals(200, response.status(), response.body());
        AstroApi.assertConforms("UpdateApiToken", response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"\"}", "{\"description\":\"no name\"}"})
    void updateBodiesAstroRefusesAre400WithTheErrorSchema(String body) {
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertRequest("UpdateApiToken", body), "Astro refuses " + body);
        LambdaResponse response = post(fixture.scene().owner, ConformanceScene.tokenPath(fixture.scene().workspaceToken), body);
        assertEquals(400, response.status(), response.body());
        AstroApi.assertConforms("UpdateApiToken", response);
    }

    @Test
    void overlongUpdateTextIs400WhereAstroSaysSo() {
        for (String body : List.of("{\"name\":\"" + "n".repeat(257) + "\"}",
                "{\"name\":\"x\",\"description\":\"" + "d".repeat(501) + "\"}")) {
            assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertRequest("UpdateApiToken", body));
            LambdaResponse response = post(fixture.scene().owner, ConformanceScene.tokenPath(fixture.scene().workspaceToken), body);
            assertEquals(400, response.status(), response.body());
            AstroApi.assertConforms("UpdateApiToken", response);
        }
    }

    // ---- UpdateApiTokenRoles ----

    @Test
    void rolesTakeAndAnswerAstrosShapes() {
        String body = "{\"roles\":[{\"entityType\":\"ORGANIZATION\",\"entityId\":\"" + ORG + "\",\"role\":\"ORGANIZATION_BILLING_ADMIN\"},"
                + "{\"entityType\":\"WORKSPACE\",\"entityId\":\"" + WORKSPACE + "\",\"role\":\"WORKSPACE_MEMBER\"},"
                + "{\"entityType\":\"DEPLOYMENT\",\"entityId\":\"" + DEPLOYMENT + "\",\"role\":\"DEPLOYMENT_ADMIN\"}]}";
        AstroApi.V1BETA1.assertRequest("UpdateApiTokenRoles", body);
        AstroApi.V1.assertRequest("UpdateApiTokenRoles", body);
        LambdaResponse response = post(fixture.scene().owner, ConformanceScene.tokenPath(fixture.scene().organizationToken) + "/roles", body);
        assertEquals(200, response.status(), response.body());
        AstroApi.assertConforms("UpdateApiTokenRoles", response);
    }

    @Test
    void dagRolesTakeAndAnswerV1Shapes() {
        String body = "{\"roles\":[{\"entityType\":\"DEPLOYMENT\",\"entityId\":\"" + DEPLOYMENT + "\",\"role\":\"DEPLOYMENT_ADMIN\"},"
                + "{\"entityType\":\"DAG\",\"entityId\":\"etl_daily\",\"role\":\"DAG_AUTHOR\",\"deploymentId\":\"" + DEPLOYMENT + "\"},"
                + "{\"entityType\":\"DAG_TAG\",\"entityId\":\"finance\",\"role\":\"DAG_VIEWER\",\"deploymentId\":\"" + DEPLOYMENT + "\"}]}";
        AstroApi.V1.assertRequest("UpdateApiTokenRoles", body);
        LambdaResponse response = post(fixture.scene().owner, ConformanceScene.tokenPath(fixture.scene().dagReader) + "/roles", body);
        assertEquals(200, response.status(), response.body());
        AstroApi.V1.assertResponse("UpdateApiTokenRoles", response);
        for (JsonNode d : response.json().get("dagRoles")) {
            AstroApi.V1.assertSchema("DagRole", d);
            // The schema's prose: dagId "required if dagTag is not specified" and the other way round; one of them.
            assertEquals(1, (d.has("dagId") ? 1 : 0) + (d.has("dagTag") ? 1 : 0), "exactly one of dagId and dagTag: " + d);
        }
        // v1beta1's SubjectRoles has no dagRoles but allows other properties: the answer still fits it.
        AstroApi.V1BETA1.assertResponse("UpdateApiTokenRoles", response);
    }

    @Test
    void rolesBodiesAstroRefusesAre400WithTheErrorSchema() {
        for (String body : List.of("{\"roles\":[]}", "{}")) {
            assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertRequest("UpdateApiTokenRoles", body), "Astro refuses " + body);
            LambdaResponse response = post(fixture.scene().owner, ConformanceScene.tokenPath(fixture.scene().workspaceToken) + "/roles", body);
            assertEquals(400, response.status(), response.body());
            AstroApi.assertConforms("UpdateApiTokenRoles", response);
        }
    }

    // ---- errors of every manage route ----

    @Test
    void errorsAnswerTheErrorSchema() {
        String roles = "{\"roles\":[{\"entityType\":\"WORKSPACE\",\"entityId\":\"" + WORKSPACE + "\",\"role\":\"WORKSPACE_AUTHOR\"}]}";
        fixture.scene().assertTokenRouteErrors(fixture.lambda(), "GetApiToken", "GET", "", null, fixture.scene().workspaceToken);
        fixture.scene().assertTokenRouteErrors(fixture.lambda(), "UpdateApiToken", "POST", "", "{\"name\":\"refused\"}", fixture.scene().workspaceToken);
        fixture.scene().assertTokenRouteErrors(fixture.lambda(), "UpdateApiTokenRoles", "POST", "/roles", roles, fixture.scene().workspaceToken);

        String list = ConformanceScene.tokensPath();
        ConformanceScene.assertError("ListApiTokens", 401, ConformanceScene.call(fixture.lambda(), "GET", list, null, null));
        ConformanceScene.assertError("ListApiTokens", 404, ConformanceScene.call(fixture.lambda(), "GET", list, null, fixture.scene().otherOwner));
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertQuery("ListApiTokens", Map.of("limit", List.of("1001")), false));
        ConformanceScene.assertError("ListApiTokens", 400, ConformanceScene.call(fixture.lambda(), "GET", list + "?limit=1001", null, fixture.scene().owner));
    }
}
