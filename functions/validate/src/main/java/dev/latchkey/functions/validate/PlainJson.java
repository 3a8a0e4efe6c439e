package dev.latchkey.functions.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.latchkey.http.view.RoleView;
import dev.latchkey.http.view.ValidateResponse;
import io.micronaut.core.annotation.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * validate's plain question and its answer over jackson-core's streaming API, the valid path of a cold start without
 * micronaut-serde: serde builds its (de)serializers on first use, about 0.25 s of a cold start's main thread
 * (docs/benchmarks.md). Only what serde would read the same way is read here: an object of the question's own keys,
 * each a JSON string or null, {@code dagTags} an array of strings; anything else (another key, a number, a nested
 * value) answers null and {@link ValidateRoute} binds the body with serde as before, so every refusal keeps the
 * binder's own message. The answer is written as serde writes it ({@code NON_NULL}, record order, ISO instants):
 * {@code PlainJsonTest} holds both to serde's results byte for byte.
 */
final class PlainJson {

    private static final JsonFactory JSON = new JsonFactory();

    private PlainJson() {
    }

    /** The question, or null when the body is not a plain question (serde then decides). */
    @Nullable
    static ValidateRequest question(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String token = null;
            String organizationId = null;
            String workspaceId = null;
            String deploymentId = null;
            String dagId = null;
            String permission = null;
            List<Object> dagTags = null;
            String sourceIp = null;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                String key = parser.currentName();
                if (!seen.add(key)) {
                    return null; // a key twice: the JSON checks or serde judge it
                }
                JsonToken value = parser.nextToken();
                if ("dagTags".equals(key)) {
                    if (value == JsonToken.START_ARRAY) {
                        dagTags = new ArrayList<>();
                        for (JsonToken e = parser.nextToken(); e != JsonToken.END_ARRAY; e = parser.nextToken()) {
                            if (e != JsonToken.VALUE_STRING) {
                                return null;
                            }
                            dagTags.add(parser.getText());
                        }
                    } else if (value != JsonToken.VALUE_NULL) {
                        return null;
                    }
                    continue;
                }
                if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                    return null;
                }
                String text = value == JsonToken.VALUE_NULL ? null : parser.getText();
                switch (key) {
                    case "token" -> token = text;
                    case "organizationId" -> organizationId = text;
                    case "workspaceId" -> workspaceId = text;
                    case "deploymentId" -> deploymentId = text;
                    case "dagId" -> dagId = text;
                    case "permission" -> permission = text;
                    case "sourceIp" -> sourceIp = text;
                    default -> {
                        return null;
                    }
                }
            }
            return parser.nextToken() == null
                    ? new ValidateRequest(token, organizationId, workspaceId, deploymentId, dagId, permission, dagTags, sourceIp)
                    : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The answer's JSON, as serde writes a {@link ValidateResponse}. */
    static byte[] answer(ValidateResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeBooleanField("valid", response.valid());
            string(g, "code", response.code());
            ValidateResponse.TokenInfo t = response.token();
            if (t != null) {
                g.writeObjectFieldStart("token");
                string(g, "id", t.id());
                string(g, "name", t.name());
                string(g, "organizationId", t.organizationId());
                string(g, "type", t.type());
                string(g, "scope", t.scope());
                string(g, "kind", t.kind());
                string(g, "entityId", t.entityId());
                string(g, "workspaceId", t.workspaceId());
                if (t.roles() != null) {
                    g.writeArrayFieldStart("roles");
                    for (RoleView r : t.roles()) {
                        g.writeStartObject();
                        string(g, "entityType", r.entityType());
                        string(g, "entityId", r.entityId());
                        string(g, "role", r.role());
                        string(g, "deploymentId", r.deploymentId());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                instant(g, "startAt", t.startAt());
                instant(g, "endAt", t.endAt());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void string(JsonGenerator g, String name, @Nullable String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void instant(JsonGenerator g, String name, @Nullable Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value.toString());
        }
    }
}
