package dev.latchkey.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.http.testing.LatchkeyApi;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.latchkey.http.testing.LatchkeyApi.DOCUMENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/openapi.yaml is readable, internally whole, and the checker LambdaHarness runs on every answer refuses what the
 * document refuses. The full OpenAPI 3.1 meta-schema check is openapi-spec-validator's, in .ci/run.
 */
class LatchkeyApiTest {

    private static final String ERROR = "{\"statusCode\":404,\"message\":\"Token c1 not found\",\"requestId\":\"r-1\"}";
    private static final String TOKEN_PATH = "/v1/organizations/acme/tokens/c000000000000000000000000";

    @Test
    void theDocumentIsOpenApi31WithEveryReferenceResolvingAndEverySchemaCompiling() {
        JsonNode doc = DOCUMENT.document();
        assertEquals("3.1.0", doc.path("openapi").asText(), "docs/openapi.yaml must be OpenAPI 3.1.0");
        List<String> broken = new ArrayList<>();
        collectRefs(doc, "", broken);
        assertTrue(broken.isEmpty(), "references to nothing in docs/openapi.yaml: " + broken);
        Set<String> operationIds = new HashSet<>();
        doc.path("paths").forEach(path -> path.forEach(op -> {
            if (op.has("operationId")) {
                assertTrue(operationIds.add(op.get("operationId").asText()), "operationId twice: " + op.get("operationId"));
            }
        }));
        // Compiling each component schema (and running it once) surfaces a keyword the 3.1 dialect cannot use.
        doc.path("components").path("schemas").fieldNames().forEachRemaining(name ->
                DOCUMENT.schema("/components/schemas/" + name).validate(doc.path("components")));
    }

    private static void collectRefs(JsonNode node, String at, List<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.asText().startsWith("#/") || DOCUMENT.at(ref.asText().substring(1)).isMissingNode())) {
                broken.add(at + " -> " + ref.asText());
            }
            node.fields().forEachRemaining(e -> collectRefs(e.getValue(), at + "/" + e.getKey(), broken));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectRefs(node.get(i), at + "/" + i, broken);
            }
        }
    }

    @Test
    void aDocumentedStatusWithAConformingBodyPasses() {
        LatchkeyApi.assertConforms("GET", TOKEN_PATH, new LambdaResponse(404, Map.of("Content-Type", "application/json"), ERROR));
        LatchkeyApi.assertConforms("DELETE", TOKEN_PATH, new LambdaResponse(204, Map.of(), ""));
    }

    @Test
    void anUndocumentedStatusABadBodyOrAnUnexpectedBodyFails() {
        // validate never answers 404 or 401.
        assertThrows(AssertionError.class, () -> LatchkeyApi.assertConforms("POST", "/v1/validate",
                new LambdaResponse(404, Map.of(), ERROR)));
        // The error body without its requestId, or with a field it does not have.
        assertThrows(AssertionError.class, () -> LatchkeyApi.assertConforms("GET", TOKEN_PATH,
                new LambdaResponse(404, Map.of(), ERROR.replace(",\"requestId\":\"r-1\"", ""))));
        assertThrows(AssertionError.class, () -> LatchkeyApi.assertConforms("GET", TOKEN_PATH,
                new LambdaResponse(404, Map.of(), ERROR.replace("}", ",\"stack\":\"x\"}"))));
        // 204 has no body; a non-VALID validate answer tells nothing but the token's id.
        assertThrows(AssertionError.class, () -> LatchkeyApi.assertConforms("DELETE", TOKEN_PATH,
                new LambdaResponse(204, Map.of(), "{}")));
        assertThrows(AssertionError.class, () -> LatchkeyApi.assertConforms("POST", "/v1/validate",
                new LambdaResponse(200, Map.of(), "{\"valid\":false,\"code\":\"REVOKED\",\"token\":{\"id\":\"c000000000000000000000000\",\"name\":\"n\"}}")));
        LatchkeyApi.assertConforms("POST", "/v1/validate",
                new LambdaResponse(200, Map.of(), "{\"valid\":false,\"code\":\"REVOKED\",\"token\":{\"id\":\"c000000000000000000000000\"}}"));
    }

    @Test
    void aPathNoRouteMatchesMustBeAnErrorBody() {
        LatchkeyApi.assertConforms("GET", "/v1/nope", new LambdaResponse(404, Map.of(), ERROR));
        assertThrows(AssertionError.class, () -> LatchkeyApi.assertConforms("GET", "/v1/nope", new LambdaResponse(200, Map.of(), "{}")));
    }
}
