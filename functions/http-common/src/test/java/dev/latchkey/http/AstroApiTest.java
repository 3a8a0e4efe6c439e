package dev.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.http.testing.AstroApi;
import dev.latchkey.http.testing.LambdaResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The conformance checker itself: it must refuse what Astro's schemas refuse, or the conformance tests prove nothing. */
class AstroApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TOKEN = "{\"id\":\"c1\",\"name\":\"n\",\"description\":\"\",\"shortToken\":\"lko_...abcd\","
            + "\"type\":\"ORGANIZATION\",\"scope\":\"ORGANIZATION\",\"kind\":\"STANDARD\",\"startAt\":\"2026-01-01T00:00:00Z\","
            + "\"createdAt\":\"2026-01-01T00:00:00.123Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\","
            + "\"roles\":[{\"entityType\":\"ORGANIZATION\",\"entityId\":\"o\",\"role\":\"ORGANIZATION_OWNER\"}],"
            + "\"extra\":\"Latchkey's own fields are allowed\"}";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aConformingTokenPassesBothDocuments() throws Exception {
        AstroApi.V1BETA1.assertSchema("ApiToken", json(TOKEN));
        AstroApi.V1.assertSchema("ApiToken", json(TOKEN));
        AstroApi.assertConforms("GetApiToken", new LambdaResponse(200, Map.of(), TOKEN));
    }

    @Test
    void missingRequiredFieldsWrongEnumsAndBadTimestampsAreCaught() throws Exception {
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertSchema("ApiToken", json(TOKEN.replace("\"id\":\"c1\",", ""))));
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertSchema("ApiToken", json(TOKEN.replace("\"type\":\"ORGANIZATION\"", "\"type\":\"TEAM\""))));
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertSchema("ApiToken", json(TOKEN.replace("2026-01-01T00:00:00Z\",\"createdAt", "yesterday\",\"createdAt"))));
        // $ref into components: a role entry with an unknown entity type fails inside the roles array.
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertSchema("ApiToken", json(TOKEN.replace("\"entityType\":\"ORGANIZATION\"", "\"entityType\":\"DAG\""))));
        AstroApi.V1.assertSchema("ApiToken", json(TOKEN.replace("\"entityType\":\"ORGANIZATION\"", "\"entityType\":\"DAG\"")));
        assertThrows(AssertionError.class, () -> AstroApi.V1.assertSchema("ApiToken", json(TOKEN.replace("\"kind\":\"STANDARD\",", ""))));
    }

    @Test
    void limitsAndStatusesComeFromTheSpec() throws Exception {
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertSchema("Error", json("{\"statusCode\":399,\"message\":\"m\",\"requestId\":\"r\"}")));
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertRequest("UpdateApiToken", "{\"name\":\"n\",\"description\":\"" + "d".repeat(501) + "\"}"));
        AstroApi.V1BETA1.assertRequest("UpdateApiToken", "{\"name\":\"n\",\"description\":\"" + "d".repeat(500) + "\"}");
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertRequest("UpdateApiToken", "{\"name\":\"\"}"));
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertQuery("ListApiTokens", Map.of("limit", List.of("1001")), false));
        AstroApi.V1BETA1.assertQuery("ListApiTokens", Map.of("limit", List.of("0"), "sorts", List.of("tokenStartAt:desc", "name:asc")), false);
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertQuery("ListApiTokens", Map.of("sorts", List.of("scope:asc")), false));
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertQuery("ListApiTokens", Map.of("dagId", List.of("d")), false));
        AstroApi.V1.assertQuery("ListApiTokens", Map.of("dagId", List.of("d"), "dagTags", List.of("a", "b")), false);
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertResponse("DeleteApiToken", new LambdaResponse(200, Map.of(), "{}")));
        AstroApi.V1BETA1.assertResponse("DeleteApiToken", new LambdaResponse(204, Map.of(), ""));
        assertEquals(10, AstroApi.V1BETA1.queryEnum("ListApiTokens", "sorts").size());
    }

    @Test
    void aNullWhereTheSchemaIsNotNullableIsRefused() throws Exception {
        // The OpenAPI 3.0 dialect reads `nullable`; none of these schemas says it, so a null description is refused.
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertSchema("ApiToken", json(TOKEN.replace("\"description\":\"\"", "\"description\":null"))));
    }
}
