package dev.latchkey.http.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One OpenAPI document (JSON or YAML), read once, with every schema in it addressable by its JSON pointer: the whole
 * document is loaded into a schema registry under its own IRI with the document's dialect (OpenAPI 3.0 knows
 * {@code nullable}, 3.1 is JSON Schema 2020-12), so each {@code "$ref": "#/components/..."} resolves within it.
 * Compiled schemas are kept, so checking every answer of a test suite costs one compilation per schema.
 *
 * <p>A missing document or a name it does not hold is an {@link IllegalStateException} or
 * {@link IllegalArgumentException}, never an {@link AssertionError}: a test expecting a non-conforming value to be
 * refused must not pass because the description could not be read.
 */
public final class OpenApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** An operation found by method and path: the path template as the document spells it, and the operation object. */
    public record Route(String method, String template, String pointer, JsonNode operation) {
    }

    private record Template(String template, Pattern pattern) {
    }

    private final String name;
    private final Supplier<Path> location;
    private final Dialect dialect;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private JsonNode document;
    private SchemaRegistry registry;
    private List<Template> templates;

    /**
     * @param name     how messages name the document
     * @param location where it is, asked on first use (it may throw {@link IllegalStateException} to explain)
     */
    public OpenApiDocument(String name, Supplier<Path> location, Dialect dialect) {
        this.name = name;
        this.location = location;
        this.dialect = dialect;
    }

    public String name() {
        return name;
    }

    public synchronized JsonNode document() {
        if (document == null) {
            Path path = location.get();
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException(name + ": no such file " + path);
            }
            try {
                document = (path.toString().endsWith(".json") ? JSON : YAML).readTree(path.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return document;
    }

    /** The operation with this {@code operationId}. */
    public JsonNode operation(String operationId) {
        for (JsonNode path : document().path("paths")) {
            for (Iterator<Map.Entry<String, JsonNode>> it = path.fields(); it.hasNext(); ) {
                JsonNode op = it.next().getValue();
                if (operationId.equals(op.path("operationId").asText())) {
                    return op;
                }
            }
        }
        throw new IllegalArgumentException(name + " has no operation " + operationId);
    }

    /** The operation a request reaches, matching the path against the document's path templates (one segment a parameter). */
    public Optional<Route> route(String method, String path) {
        String m = method.toLowerCase(Locale.ROOT);
        for (Template t : templates()) {
            if (t.pattern().matcher(path).matches()) {
                JsonNode op = document().path("paths").path(t.template()).path(m);
                if (!op.isMissingNode()) {
                    return Optional.of(new Route(method.toUpperCase(Locale.ROOT), t.template(),
                            "/paths/" + escape(t.template()) + "/" + m, op));
                }
            }
        }
        return Optional.empty();
    }

    private synchronized List<Template> templates() {
        if (templates == null) {
            List<Template> out = new ArrayList<>();
            document().path("paths").fieldNames().forEachRemaining(template -> {
                StringBuilder regex = new StringBuilder();
                for (String segment : template.substring(1).split("/", -1)) {
                    regex.append('/').append(segment.startsWith("{") && segment.endsWith("}") ? "[^/]+" : Pattern.quote(segment));
                }
                out.add(new Template(template, Pattern.compile(regex.toString())));
            });
            templates = List.copyOf(out);
        }
        return templates;
    }

    /** Asserts the answer is one the operation declares, with a body its schema accepts (none where it declares none). */
    public void assertResponse(String operationId, LambdaResponse response) {
        JsonNode op = operation(operationId);
        assertResponse(op, pointerOf(op), operationId, response);
    }

    /** The same for an operation found by {@link #route}. */
    public void assertResponse(Route route, LambdaResponse response) {
        assertResponse(route.operation(), route.pointer(), route.method() + " " + route.template(), response);
    }

    private void assertResponse(JsonNode operation, String pointer, String what, LambdaResponse response) {
        String status = Integer.toString(response.status());
        JsonNode declared = operation.path("responses").path(status);
        String declaredPointer = pointer + "/responses/" + status;
        if (declared.isMissingNode()) {
            throw new AssertionError(name + ": " + what + " declares no " + status + " answer (it declares "
                    + fieldNames(operation.path("responses")) + "): " + shown(response));
        }
        if (declared.has("$ref")) {
            declaredPointer = localPointer(declared.get("$ref").asText());
            declared = at(declaredPointer);
        }
        JsonNode content = declared.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (!response.body().isEmpty()) {
                throw new AssertionError(name + ": " + what + " " + status + " has no body, got " + shown(response));
            }
            return;
        }
        String mediaType = mediaType(content, response.header("content-type"));
        if (mediaType == null) {
            throw new AssertionError(name + ": " + what + " " + status + " is " + response.header("content-type")
                    + ", but the document declares " + fieldNames(content));
        }
        JsonNode schema = content.path(mediaType).path("schema");
        if (schema.isMissingNode()) {
            return;
        }
        Schema compiled = schema(declaredPointer + "/content/" + escape(mediaType) + "/schema");
        if (mediaType.endsWith("ndjson")) {
            // JSON lines: the schema describes one line.
            String[] lines = response.body().split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isEmpty()) {
                    assertValid(compiled, read(lines[i]), what + " " + status + " answer, line " + (i + 1));
                }
            }
            return;
        }
        if (response.body().isEmpty()) {
            throw new AssertionError(name + ": " + what + " " + status + " declares a " + mediaType + " body, got none");
        }
        assertValid(compiled, read(response.body()), what + " " + status + " answer");
    }

    /** The declared media type an answer of this content type is, or the JSON one when the answer names none. */
    private static String mediaType(JsonNode content, String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return content.has("application/json") ? "application/json" : content.fieldNames().next();
        }
        String bare = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return content.has(bare) ? bare : null;
    }

    /** Asserts the value conforms to the schema at this {@code #/...} reference (or node with a {@code $ref}). */
    public void assertValid(String reference, JsonNode value, String what) {
        assertValid(schema(localPointer(reference)), value, what);
    }

    public void assertValid(Schema schema, JsonNode value, String what) {
        List<Error> errors = schema.validate(value);
        if (!errors.isEmpty()) {
            throw new AssertionError(name + ": " + what + " does not conform: " + errors + "\n" + redacted(value));
        }
    }

    /** The compiled schema at a JSON pointer into the document ({@code /components/schemas/ApiToken}). */
    public Schema schema(String pointer) {
        if (at(pointer).isMissingNode()) {
            throw new IllegalArgumentException(name + ": no schema at #" + pointer);
        }
        return schemas.computeIfAbsent(pointer, p -> registry().getSchema(SchemaLocation.of(iri() + "#" + p)));
    }

    /** A schema given as a node (an inline parameter schema); its {@code $ref}s resolve against the registry. */
    public Schema registrySchema(JsonNode inline) {
        return registry().getSchema(inline);
    }

    /** The node at a JSON pointer into the document; missing when there is none. */
    public JsonNode at(String pointer) {
        return document().at(pointer);
    }

    /** {@code #/components/schemas/X} to {@code /components/schemas/X}; only references within the document. */
    private String localPointer(String reference) {
        if (!reference.startsWith("#/")) {
            throw new IllegalArgumentException(name + ": only local references are supported: " + reference);
        }
        return reference.substring(1);
    }

    private String pointerOf(JsonNode operation) {
        for (Iterator<Map.Entry<String, JsonNode>> paths = document().path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getValue() == operation) {
                    return "/paths/" + escape(path.getKey()) + "/" + op.getKey();
                }
            }
        }
        throw new IllegalArgumentException(name + ": not an operation of this document");
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private String iri() {
        return "https://latchkey.invalid/openapi/" + name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private synchronized SchemaRegistry registry() {
        if (registry == null) {
            String text = document().toString();
            // Formats (date-time) are asserted, not just annotated: timestamps are RFC 3339.
            SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
            registry = SchemaRegistry.withDialect(dialect, b -> b.schemas(Map.of(iri(), text)).schemaRegistryConfig(config));
        }
        return registry;
    }

    /** The answer as a failure message may show it: create and rotate answers carry a token value, which never does. */
    private static String shown(LambdaResponse response) {
        if (response.body().isEmpty()) {
            return "(empty body)";
        }
        try {
            return redacted(JSON.readTree(response.body())).toString();
        } catch (IOException e) {
            return "(a body that is not JSON, " + response.body().length() + " characters)";
        }
    }

    static JsonNode redacted(JsonNode value) {
        if (value != null && value.isObject() && value.path("token").isTextual()) {
            ObjectNode copy = value.deepCopy();
            copy.put("token", "<redacted>");
            return copy;
        }
        return value;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + json.length() + " characters)", e);
        }
    }

    /**
     * The repository root: the nearest directory holding {@code template.yaml} and {@code pom.xml} above the Maven
     * module's basedir (or the working directory).
     */
    public static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (the directory with template.yaml) above " + start);
    }
}
