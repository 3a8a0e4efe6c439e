package dev.latchkey.http.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.dialect.Dialects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Astro's published description of the API-token routes, read at test time from the directory beside the checkout
 * that CI provides (never copied into this repository), for the conformance tests of every token route.
 *
 * <p>Two documents: {@link #V1BETA1}, Astro's IAM OpenAPI 3.0 spec, the only one with limits and enums, and
 * {@link #V1}, the current v1 shapes (dag roles, {@code kind}, {@code fieldErrors}) that v1beta1 predates. Each is
 * an {@link OpenApiDocument} with the OpenAPI 3.0 dialect (which knows {@code nullable}).
 *
 * <p>A missing description or a name the description does not hold is an {@link IllegalStateException} or
 * {@link IllegalArgumentException}, never an {@link AssertionError}: a test expecting a non-conforming value to be
 * refused must not pass because the description could not be read.
 */
public final class AstroApi {

    /** Overrides where the description lives (a directory holding the two files). */
    public static final String DIRECTORY_PROPERTY = "latchkey.astro-api.dir";

    public static final AstroApi V1BETA1 = new AstroApi("iam_v1beta1.tokens.json");
    public static final AstroApi V1 = new AstroApi("v1.tokens.reconstructed.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String file;
    private final OpenApiDocument document;

    private AstroApi(String file) {
        this.file = file;
        this.document = new OpenApiDocument(file, () -> located(file), Dialects.getOpenApi30());
    }

    /**
     * Asserts the answer is one the operation declares, with a body its schema accepts (an empty body where the
     * operation declares none, as for DELETE's 204).
     */
    public void assertResponse(String operationId, LambdaResponse response) {
        document.assertResponse(operationId, response);
    }

    /**
     * The answer conforms to both documents: v1beta1's schemas with their limits and v1's shapes. An answer carrying
     * dag roles is checked against v1 only ({@link #assertV1Response}): v1beta1's role entity types predate them.
     */
    public static void assertConforms(String operationId, LambdaResponse response) {
        V1BETA1.assertResponse(operationId, response);
        V1.assertResponse(operationId, response);
    }

    /** For answers with {@code DAG}/{@code DAG_TAG} entries, which only v1 describes. */
    public static void assertV1Response(String operationId, LambdaResponse response) {
        V1.assertResponse(operationId, response);
    }

    /** Asserts a request body is one the operation's request schema accepts: the tests speak Astro's language. */
    public void assertRequest(String operationId, String body) {
        JsonNode schema = operation(operationId).path("requestBody").path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            throw new AssertionError(file + ": " + operationId + " takes no request body");
        }
        assertValid(schema, OpenApiDocument.read(body), operationId + " request");
    }

    /** Asserts the named component schema accepts the value. */
    public void assertSchema(String componentName, JsonNode value) {
        document.assertValid(ref("#/components/schemas/" + componentName), value, componentName);
    }

    /**
     * Asserts each query parameter is one the operation declares here and each value fits its schema; a parameter the
     * other document declares is skipped when {@code otherMayDeclare} (v1 added dagId, dagTags and kind).
     */
    public void assertQuery(String operationId, Map<String, List<String>> query, boolean otherMayDeclare) {
        query.forEach((name, values) -> {
            JsonNode parameter = parameter(operationId, name);
            if (parameter == null) {
                if (otherMayDeclare) {
                    return;
                }
                throw new AssertionError(file + ": " + operationId + " has no query parameter " + name);
            }
            JsonNode schema = parameter.path("schema");
            assertValid(schema, queryValue(schema, values), operationId + " query parameter " + name);
        });
    }

    /** The values of a string enum of a query parameter (for example every sort key the list route takes). */
    public List<String> queryEnum(String operationId, String name) {
        JsonNode parameter = parameter(operationId, name);
        if (parameter == null) {
            throw new AssertionError(file + ": " + operationId + " has no query parameter " + name);
        }
        JsonNode schema = parameter.path("schema");
        JsonNode values = (schema.path("type").asText().equals("array") ? schema.path("items") : schema).path("enum");
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asText()));
        if (out.isEmpty()) {
            throw new AssertionError(file + ": " + operationId + " parameter " + name + " has no enum");
        }
        return out;
    }

    /** Query strings carry text; the schema's type says what JSON value the text stands for. */
    private static JsonNode queryValue(JsonNode schema, List<String> values) {
        String type = schema.path("type").asText();
        if (type.equals("array")) {
            ArrayNode array = JSON.createArrayNode();
            values.forEach(v -> array.add(scalar(schema.path("items").path("type").asText(), v)));
            return array;
        }
        if (values.size() != 1) {
            throw new AssertionError("a single-valued parameter was sent " + values.size() + " times: " + values);
        }
        return scalar(type, values.get(0));
    }

    private static JsonNode scalar(String type, String text) {
        return switch (type) {
            case "integer" -> IntNode.valueOf(Integer.parseInt(text));
            case "boolean" -> BooleanNode.valueOf(Boolean.parseBoolean(text));
            default -> TextNode.valueOf(text);
        };
    }

    private JsonNode parameter(String operationId, String name) {
        for (JsonNode p : operation(operationId).path("parameters")) {
            if (p.path("in").asText().equals("query") && p.path("name").asText().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private void assertValid(JsonNode schemaNode, JsonNode value, String what) {
        if (schemaNode.has("$ref")) {
            document.assertValid(ref(schemaNode.get("$ref").asText()), value, what);
        } else {
            document.assertValid(document.registrySchema(schemaNode), value, what);
        }
    }

    private com.networknt.schema.Schema ref(String pointer) {
        if (!pointer.startsWith("#/components/schemas/") || document.at(pointer.substring(1)).isMissingNode()) {
            throw new IllegalArgumentException(file + ": no schema " + pointer);
        }
        return document.schema(pointer.substring(1));
    }

    private JsonNode operation(String operationId) {
        return document.operation(operationId);
    }

    private static Path located(String file) {
        Path path = directory().resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("Astro's API description " + path + " is missing. The conformance tests read it from"
                    + " shared/astro-api beside the repository checkout (CI lays it there), or from the directory named"
                    + " by -D" + DIRECTORY_PROPERTY + "=DIR.");
        }
        return path;
    }

    /**
     * The description's directory: the property if set, else {@code shared/astro-api} beside the repository root,
     * found from the Maven module's basedir by walking up to the directory holding {@code template.yaml}.
     */
    static Path directory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path root = OpenApiDocument.repositoryRoot();
        Path parent = root.getParent() == null ? root : root.getParent();
        return parent.resolve("shared").resolve("astro-api");
    }
}
