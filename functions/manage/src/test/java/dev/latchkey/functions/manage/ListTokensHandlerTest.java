package dev.latchkey.functions.manage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.testing.Backend;
import dev.latchkey.usecase.BootstrapOrganization;
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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /v1/organizations/{organizationId}/tokens} through the Lambda handler, with payload-2.0 events. */
class ListTokensHandlerTest {

    static final String ORG = "acme";

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static IssuedToken owner;
    /** ORGANIZATION token, ORGANIZATION_MEMBER, later given WORKSPACE_MEMBER on ws-a. */
    static IssuedToken orgInWsA;
    /** ORGANIZATION token, ORGANIZATION_MEMBER, no other role. */
    static IssuedToken orgPlain;
    static IssuedToken wsAOperator;
    /** WORKSPACE ws-a author, also DAG_VIEWER on dag etl_daily and on tag nightly, both in dep-a1. */
    static IssuedToken wsAAuthor;
    static IssuedToken wsBOperator;
    /** DEPLOYMENT dep-a1 admin, also DAG_AUTHOR on tag nightly and DAG_VIEWER on tag finance in dep-a1. */
    static IssuedToken depA1;
    /** DEPLOYMENT dep-b1 admin, also DAG_VIEWER on a dag of dep-b1 that is also called etl_daily. */
    static IssuedToken depB1;
    /** ORGANIZATION token with DEPLOYMENT_ADMIN on dep-b1. */
    static IssuedToken orgOnDepB1;
    static IssuedToken otherOwner;
    static IssuedToken bulkOwner;
    static IssuedToken sortedOwner;
    /** The tokens of "sorted" after its bootstrap owner, in creation order. */
    static List<IssuedToken> sortedTokens;
    /** Every token of acme, in creation order. */
    static List<IssuedToken> all;

    @BeforeAll
    static void seed() {
        Backend b = lambda.backend();
        // Tokens are made one (test-clock) second apart so that createdAt orders them; start early enough that the
        // handler, which runs on the real clock, never sees a startAt in its future (NOT_YET_VALID would be a 401).
        b.clock().advance(Duration.ofMinutes(-10));
        Seed seed = Seed.organization(b, ORG).workspace("ws-a").workspace("ws-b").deployment("dep-a1", "ws-a")
                .deployment("dep-b1", "ws-b");
        owner = seed.ownerToken();

        // Creation order differs from name order, so that name and createdAt sorts give different answers.
        orgInWsA = named(b, owner, "Mike org member", Scope.ORGANIZATION, ORG, "ORGANIZATION_MEMBER");
        orgPlain = named(b, owner, "alpha org plain", Scope.ORGANIZATION, ORG, "ORGANIZATION_MEMBER");
        wsAOperator = named(b, owner, "Zulu ws-a operator", Scope.WORKSPACE, "ws-a", "WORKSPACE_OPERATOR");
        wsAAuthor = named(b, owner, "charlie ws-a author", Scope.WORKSPACE, "ws-a", "WORKSPACE_AUTHOR");
        wsBOperator = named(b, owner, "Kilo ws-b operator", Scope.WORKSPACE, "ws-b", "WORKSPACE_OPERATOR");
        depA1 = named(b, owner, "delta dep-a1 admin", Scope.DEPLOYMENT, "dep-a1", "DEPLOYMENT_ADMIN");
        depB1 = named(b, owner, "Tango dep-b1 admin", Scope.DEPLOYMENT, "dep-b1", "DEPLOYMENT_ADMIN");
        orgOnDepB1 = named(b, owner, "hotel org on dep-b1", Scope.ORGANIZATION, ORG, "ORGANIZATION_MEMBER");
        all = List.of(owner, orgInWsA, orgPlain, wsAOperator, wsAAuthor, wsBOperator, depA1, depB1, orgOnDepB1);

        b.roles(owner, orgInWsA, List.of(new RoleInput("ORGANIZATION", ORG, "ORGANIZATION_MEMBER", null),
                new RoleInput("WORKSPACE", "ws-a", "WORKSPACE_MEMBER", null)));
        b.roles(owner, wsAAuthor, List.of(new RoleInput("WORKSPACE", "ws-a", "WORKSPACE_AUTHOR", null),
                new RoleInput("DAG", "etl_daily", "DAG_VIEWER", "dep-a1"), new RoleInput("DAG_TAG", "nightly", "DAG_VIEWER", "dep-a1")));
        b.roles(owner, depA1, List.of(new RoleInput("DEPLOYMENT", "dep-a1", "DEPLOYMENT_ADMIN", null),
                new RoleInput("DAG_TAG", "nightly", "DAG_AUTHOR", "dep-a1"), new RoleInput("DAG_TAG", "finance", "DAG_VIEWER", "dep-a1")));
        b.roles(owner, depB1, List.of(new RoleInput("DEPLOYMENT", "dep-b1", "DEPLOYMENT_ADMIN", null),
                new RoleInput("DAG", "etl_daily", "DAG_VIEWER", "dep-b1")));
        b.roles(owner, orgOnDepB1, List.of(new RoleInput("ORGANIZATION", ORG, "ORGANIZATION_MEMBER", null),
                new RoleInput("DEPLOYMENT", "dep-b1", "DEPLOYMENT_ADMIN", null)));

        otherOwner = b.owner("globex");

        // An organization whose tokens differ in description, start and update order from their creation order.
        sortedOwner = b.owner("sorted");
        sortedTokens = new ArrayList<>();
        for (String[] nd : new String[][]{{"m", "Bravo"}, {"k", "alpha"}, {"z", "alpha"}, {"a", "charlie"}}) {
            b.clock().advance(Duration.ofSeconds(1));
            sortedTokens.add(b.bean(CreateToken.class).create(b.caller(sortedOwner), "sorted",
                    new CreateTokenCommand(nd[0], nd[1], Scope.ORGANIZATION, "sorted", "ORGANIZATION_MEMBER", null, null), null));
        }
        b.clock().advance(Duration.ofSeconds(1));
        // Re-roling the first one moves its updatedAt past the others'.
        b.roles(sortedOwner, sortedTokens.get(0), List.of(new RoleInput("ORGANIZATION", "sorted", "ORGANIZATION_BILLING_ADMIN", null)));

        // An organization with more tokens than the default page.
        bulkOwner = b.owner("bulk");
        for (int i = 0; i < 24; i++) {
            named(b, bulkOwner, "bulk token " + i, Scope.ORGANIZATION, "bulk", "ORGANIZATION_MEMBER");
        }
    }

    private static IssuedToken named(Backend b, IssuedToken by, String name, Scope scope, String entityId, String role) {
        b.clock().advance(Duration.ofSeconds(1));
        return b.bean(CreateToken.class).create(b.caller(by), by.token().organizationId(),
                new CreateTokenCommand(name, null, scope, entityId, role, null, null), null);
    }

    private static LambdaResponse list(IssuedToken as, String query) {
        return lambda.invoke(HttpEvent.request("GET", "/v1/organizations/" + ORG + "/tokens" + (query.isEmpty() ? "" : "?" + query))
                .bearer(as.value()));
    }

    /** A 200 list answer with the shape the README documents; returns it after checking no item carries a value. */
    private static JsonNode page(LambdaResponse response) {
        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("content-type").startsWith("application/json"), response.header("content-type"));
        JsonNode body = response.json();
        assertTrue(body.path("tokens").isArray(), "tokens must always be an array, [] when empty: " + response.body());
        assertTrue(body.path("totalCount").isInt(), "totalCount must always be present: " + response.body());
        assertTrue(body.path("offset").isInt(), "offset must always be present: " + response.body());
        assertTrue(body.path("limit").isInt(), "limit must always be present: " + response.body());
        for (JsonNode item : body.get("tokens")) {
            assertFalse(item.has("token"), "list items never carry a token value (item " + item.path("id").asText() + ")");
        }
        for (IssuedToken t : all) {
            assertFalse(response.body().contains(t.value()), "a list answer must never contain a token value");
        }
        return body;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("tokens").forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("tokens").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    private static Set<String> idSet(IssuedToken... tokens) {
        Set<String> ids = new HashSet<>();
        for (IssuedToken t : tokens) {
            ids.add(t.token().id());
        }
        return ids;
    }

    private static final List<String> BY_NAME = List.of("alpha org plain", "bootstrap organization owner", "charlie ws-a author",
            "delta dep-a1 admin", "hotel org on dep-b1", "Kilo ws-b operator", "Mike org member", "Tango dep-b1 admin",
            "Zulu ws-a operator");

    @Test
    void recordedEventListsTheFirstTwoByName() throws IOException {
        String event;
        try (InputStream in = getClass().getResourceAsStream("/events/list-tokens.json")) {
            event = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${AUTH}", owner.value());
        }
        JsonNode body = page(lambda.invoke(event));
        assertEquals(List.of("alpha org plain", BootstrapOrganization.TOKEN_NAME), names(body));
        assertEquals(9, body.get("totalCount").asInt());
        assertEquals(0, body.get("offset").asInt());
        assertEquals(2, body.get("limit").asInt());
        JsonNode first = body.get("tokens").get(0);
        assertEquals(orgPlain.token().id(), first.get("id").asText());
        assertEquals("ORGANIZATION", first.get("scope").asText());
        assertEquals("STANDARD", first.get("kind").asText());
        assertNotNull(first.get("shortToken"));
        assertNotNull(first.get("createdAt"));
        assertTrue(first.get("roles").isArray());
    }

    @Test
    void defaultsAreOffsetZeroAndLimitTwenty() {
        JsonNode body = page(list(owner, ""));
        assertEquals(0, body.get("offset").asInt());
        assertEquals(20, body.get("limit").asInt());
        assertEquals(9, body.get("totalCount").asInt());
        assertEquals(9, body.get("tokens").size());
        assertEquals(idSet(all.toArray(IssuedToken[]::new)), new HashSet<>(ids(body)));

        JsonNode bulk = page(lambda.invoke(HttpEvent.request("GET", "/v1/organizations/bulk/tokens").bearer(bulkOwner.value())));
        assertEquals(20, bulk.get("limit").asInt());
        assertEquals(20, bulk.get("tokens").size(), "the default page holds 20 tokens");
        assertEquals(25, bulk.get("totalCount").asInt());
    }

    @Test
    void pagesConcatenateToTheWholeSortedListing() {
        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 9; offset += 4) {
            JsonNode body = page(list(owner, "sorts=name:asc&limit=4&offset=" + offset));
            assertEquals(9, body.get("totalCount").asInt(), "totalCount counts every match, not the page");
            assertEquals(offset, body.get("offset").asInt());
            assertEquals(4, body.get("limit").asInt());
            assertEquals(Math.min(4, 9 - offset), body.get("tokens").size());
            seen.addAll(names(body));
        }
        assertEquals(BY_NAME, seen);

        JsonNode bulkSecond = page(lambda.invoke(HttpEvent.request("GET", "/v1/organizations/bulk/tokens?offset=20")
                .bearer(bulkOwner.value())));
        assertEquals(5, bulkSecond.get("tokens").size());
        assertEquals(25, bulkSecond.get("totalCount").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"offset=9", "offset=10", "offset=500&limit=1000", "offset=1000000"})
    void anOffsetPastTheEndIsAnEmptyPage(String query) {
        JsonNode body = page(list(owner, query));
        assertEquals(0, body.get("tokens").size());
        assertEquals(9, body.get("totalCount").asInt());
    }

    @Test
    void limitBoundariesAreAccepted() {
        JsonNode one = page(list(owner, "limit=1"));
        assertEquals(1, one.get("tokens").size());
        assertEquals(1, one.get("limit").asInt());
        JsonNode max = page(list(owner, "limit=1000"));
        assertEquals(9, max.get("tokens").size());
        assertEquals(1000, max.get("limit").asInt());
    }

    @Test
    void sortsByNameBothWaysCaseInsensitively() {
        assertEquals(BY_NAME, names(page(list(owner, "sorts=name:asc"))));
        List<String> reversed = new ArrayList<>(BY_NAME);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, names(page(list(owner, "sorts=name:desc"))));
    }

    @Test
    void sortsByCreationNewestFirst() {
        List<String> newestFirst = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            newestFirst.add(all.get(i).token().id());
        }
        assertEquals(newestFirst, ids(page(list(owner, "sorts=createdAt:desc"))));
        // Without sorts: creation order, oldest first.
        List<String> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        assertEquals(oldestFirst, ids(page(list(owner, ""))));
    }

    /** Every sort key Astro's ListApiTokens names (its {@code sorts} enum), on the organization built to tell them apart. */
    @ParameterizedTest
    @ValueSource(strings = {"name:asc", "name:desc", "description:asc", "description:desc", "createdAt:asc", "createdAt:desc",
            "updatedAt:asc", "updatedAt:desc", "tokenStartAt:asc", "tokenStartAt:desc"})
    void everyAstroSortKeyIsAccepted(String sort) {
        LambdaResponse response = lambda.invoke(HttpEvent.request("GET", "/v1/organizations/sorted/tokens?sorts=" + sort)
                .bearer(sortedOwner.value()));
        JsonNode body = page(response);
        assertEquals(5, body.get("totalCount").asInt());
        String[] parts = sort.split(":");
        String field = parts[0].equals("tokenStartAt") ? "startAt" : parts[0];
        List<String> values = new ArrayList<>();
        body.get("tokens").forEach(t -> values.add(t.get(field).asText()));
        java.util.Comparator<String> order = field.equals("name") || field.equals("description")
                ? String.CASE_INSENSITIVE_ORDER : java.util.Comparator.comparing(java.time.Instant::parse);
        List<String> expected = new ArrayList<>(values);
        expected.sort(parts[1].equals("asc") ? order : order.reversed());
        assertEquals(expected, values, sort + " orders by " + field);
    }

    @Test
    void descriptionAndUpdatedAtSortsGiveTheirOwnOrder() {
        String first = sortedTokens.get(0).token().id();
        JsonNode byDescription = page(lambda.invoke(HttpEvent.request("GET", "/v1/organizations/sorted/tokens?sorts=description:asc&sorts=name:desc")
                .bearer(sortedOwner.value())));
        // Case-insensitive; the second key breaks the "alpha" tie against creation order; the bootstrap owner's
        // description is "Issued by a trusted operator path".
        assertEquals(List.of("z", "k", "m", "a", "bootstrap organization owner"), names(byDescription));
        JsonNode byUpdate = page(lambda.invoke(HttpEvent.request("GET", "/v1/organizations/sorted/tokens?sorts=updatedAt:desc")
                .bearer(sortedOwner.value())));
        assertEquals(first, ids(byUpdate).get(0), "the re-roled token was updated last");
        JsonNode byStart = page(lambda.invoke(HttpEvent.request("GET", "/v1/organizations/sorted/tokens?sorts=tokenStartAt:desc")
                .bearer(sortedOwner.value())));
        assertEquals(List.of("a", "z", "k", "m", "bootstrap organization owner"), names(byStart));
    }

    @Test
    void limitZeroIsAnEmptyPageWithTheTrueTotal() {
        JsonNode body = page(list(owner, "limit=0"));
        assertEquals(0, body.get("tokens").size());
        assertEquals(9, body.get("totalCount").asInt());
        assertEquals(0, body.get("limit").asInt());
        JsonNode filtered = page(list(owner, "limit=0&workspaceId=ws-b&offset=1"));
        assertEquals(0, filtered.get("tokens").size());
        assertEquals(3, filtered.get("totalCount").asInt());
        assertEquals(1, filtered.get("offset").asInt());
    }

    @Test
    void dagIdFilterFindsTokensWithARoleOnThatDag() {
        JsonNode body = page(list(owner, "dagId=etl_daily"));
        assertEquals(idSet(wsAAuthor, depB1), new HashSet<>(ids(body)), "both deployments have a dag called etl_daily");
        assertEquals(2, body.get("totalCount").asInt());
        JsonNode inDepA1 = page(list(owner, "dagId=etl_daily&deploymentId=dep-a1"));
        assertEquals(idSet(wsAAuthor), new HashSet<>(ids(inDepA1)), "with a deploymentId, the dag of that deployment only");
        JsonNode inDepB1 = page(list(owner, "dagId=etl_daily&deploymentId=dep-b1"));
        assertEquals(idSet(depB1), new HashSet<>(ids(inDepB1)));
        JsonNode none = page(list(owner, "dagId=nightly"));
        assertEquals(0, none.get("totalCount").asInt(), "a tag is not a dag id");
    }

    @Test
    void dagTagsFilterFindsTokensWithARoleOnAnyOfThoseTags() {
        assertEquals(idSet(wsAAuthor, depA1), new HashSet<>(ids(page(list(owner, "dagTags=nightly")))));
        assertEquals(idSet(depA1), new HashSet<>(ids(page(list(owner, "dagTags=finance")))));
        JsonNode both = page(list(owner, "dagTags=finance&dagTags=nightly"));
        assertEquals(idSet(wsAAuthor, depA1), new HashSet<>(ids(both)), "several dagTags match a role on any of them");
        assertEquals(2, both.get("totalCount").asInt());
        assertEquals(0, page(list(owner, "dagTags=etl_daily")).get("totalCount").asInt(), "a dag id is not a tag");
        // dagId and dagTags together ask who holds a role reaching that dag through its id or one of its tags.
        assertEquals(idSet(wsAAuthor, depA1, depB1), new HashSet<>(ids(page(list(owner, "dagId=etl_daily&dagTags=finance")))));
        // They combine with the other filters and with visibility like every filter.
        assertEquals(idSet(wsAAuthor), new HashSet<>(ids(page(list(owner, "dagTags=nightly&workspaceId=ws-a&sorts=name:asc&limit=1")))));
        assertEquals(idSet(wsAAuthor), new HashSet<>(ids(page(list(wsAAuthor, "dagTags=nightly")))));
    }

    @Test
    void workspaceFilterFindsEveryTokenWithARoleInThatWorkspace() {
        JsonNode wsA = page(list(owner, "workspaceId=ws-a"));
        assertEquals(idSet(orgInWsA, wsAOperator, wsAAuthor, depA1), new HashSet<>(ids(wsA)),
                "ws-a: its workspace tokens, its deployment's token and the org token given a ws-a role");
        assertEquals(4, wsA.get("totalCount").asInt());

        JsonNode wsB = page(list(owner, "workspaceId=ws-b"));
        assertEquals(idSet(wsBOperator, depB1, orgOnDepB1), new HashSet<>(ids(wsB)));
        assertEquals(3, wsB.get("totalCount").asInt());

        JsonNode none = page(list(owner, "workspaceId=ws-unknown"));
        assertEquals(0, none.get("tokens").size());
        assertEquals(0, none.get("totalCount").asInt());
    }

    @Test
    void deploymentFilterFindsDeploymentAndDagRoles() {
        JsonNode depA = page(list(owner, "deploymentId=dep-a1"));
        assertEquals(idSet(depA1, wsAAuthor), new HashSet<>(ids(depA)), "dep-a1: its token and the token with a dag role there");
        JsonNode depB = page(list(owner, "deploymentId=dep-b1"));
        assertEquals(idSet(depB1, orgOnDepB1), new HashSet<>(ids(depB)));
        assertEquals(2, depB.get("totalCount").asInt());
    }

    @Test
    void organizationTokensOnly() {
        JsonNode body = page(list(owner, "includeOnlyOrganizationTokens=true"));
        assertEquals(idSet(owner, orgInWsA, orgPlain, orgOnDepB1), new HashSet<>(ids(body)));
        body.get("tokens").forEach(t -> assertEquals("ORGANIZATION", t.get("scope").asText()));

        JsonNode withFalse = page(list(owner, "includeOnlyOrganizationTokens=false"));
        assertEquals(9, withFalse.get("totalCount").asInt());
    }

    @Test
    void kindFilter() {
        JsonNode standard = page(list(owner, "kind=STANDARD"));
        assertEquals(9, standard.get("totalCount").asInt());
        standard.get("tokens").forEach(t -> assertEquals("STANDARD", t.get("kind").asText()));
        JsonNode direct = page(list(owner, "kind=DIRECT_ACCESS"));
        assertEquals(0, direct.get("totalCount").asInt());
        assertEquals(0, direct.get("tokens").size());
    }

    @Test
    void filtersCombineWithPaging() {
        JsonNode body = page(list(owner, "workspaceId=ws-a&sorts=name:asc&limit=2&offset=1"));
        assertEquals(4, body.get("totalCount").asInt());
        assertEquals(List.of("delta dep-a1 admin", "Mike org member"), names(body));
    }

    @Test
    void aWorkspaceOperatorListsOnlyWhatItMaySee() {
        JsonNode body = page(list(wsAOperator, ""));
        assertEquals(idSet(wsAOperator, wsAAuthor, depA1, orgInWsA), new HashSet<>(ids(body)),
                "an operator of ws-a sees ws-a's tokens and tokens with roles in ws-a, not the rest of the organization");
        assertEquals(4, body.get("totalCount").asInt());
        for (IssuedToken hidden : List.of(owner, orgPlain, wsBOperator, depB1, orgOnDepB1)) {
            assertFalse(ids(body).contains(hidden.token().id()), "must not list " + hidden.token().name());
            assertFalse(names(body).contains(hidden.token().name()), "must not list " + hidden.token().name());
        }

        JsonNode orgOnly = page(list(wsAOperator, "includeOnlyOrganizationTokens=true"));
        assertEquals(List.of(orgInWsA.token().id()), ids(orgOnly));
        assertEquals(1, orgOnly.get("totalCount").asInt());

        JsonNode otherWorkspace = page(list(wsAOperator, "workspaceId=ws-b"));
        assertEquals(0, otherWorkspace.get("totalCount").asInt());
        assertEquals(0, otherWorkspace.get("tokens").size());
    }

    @Test
    void aWorkspaceAuthorListsOnlyItself() {
        JsonNode body = page(list(wsAAuthor, ""));
        assertEquals(List.of(wsAAuthor.token().id()), ids(body));
        assertEquals(1, body.get("totalCount").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=1001", "limit=-1", "limit=abc", "limit=99999999999", "limit=1.5",
            "offset=-1", "offset=abc", "offset=1000001", "sorts=bogus:asc", "sorts=name:up", "sorts=name", "sorts=name:asc:desc",
            "kind=WHAT", "kind=standard", "includeOnlyOrganizationTokens=maybe", "workspaceId=..", "workspaceId=ws..a",
            "workspaceId=..%2Fws-a", "deploymentId=..", "deploymentId=" + "d12345678901234567890123456789012345678901234567890123456789012345",
            "dagId=..", "dagId=a%2Fb", "dagTags=..", "dagTags=ok&dagTags=a..b", "sorts=tokenStartAt:up", "sorts=startAt:asc"})
    void badQueriesAre400WithTheErrorBody(String query) {
        LambdaResponse response = list(owner, query);
        assertEquals(400, response.status(), query + " -> " + response.body());
        response.errorBody();
        assertTrue(response.header("content-type").startsWith("application/json"));
    }

    @Test
    void noBearerIs401() {
        LambdaResponse response = lambda.invoke(HttpEvent.request("GET", "/v1/organizations/" + ORG + "/tokens"));
        assertEquals(401, response.status(), response.body());
        response.errorBody();
        assertFalse(response.body().contains("tokens\""), "a 401 carries no listing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer lko_notarealtoken", "Basic dXNlcjpwYXNz", "Bearer "})
    void badCredentialsAre401(String authorization) {
        LambdaResponse response = lambda.invoke(HttpEvent.request("GET", "/v1/organizations/" + ORG + "/tokens")
                .header("authorization", authorization));
        assertEquals(401, response.status(), response.body());
        response.errorBody();
    }

    @Test
    void anotherOrganizationIs404WithoutItsData() {
        LambdaResponse response = list(otherOwner, "");
        assertEquals(404, response.status(), response.body());
        response.errorBody();
        for (IssuedToken t : all) {
            assertFalse(response.body().contains(t.token().id()), "a 404 leaks no token of the organization");
        }
        LambdaResponse reverse = lambda.invoke(HttpEvent.request("GET", "/v1/organizations/globex/tokens").bearer(owner.value()));
        assertEquals(404, reverse.status(), reverse.body());
        reverse.errorBody();
        assertFalse(reverse.body().contains(otherOwner.token().id()));
    }
}
