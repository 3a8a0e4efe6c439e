package dev.latchkey.template;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.latchkey.template.SamTemplate.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * docs/openapi.yaml describes exactly the template's HttpApi routes: a route added to (or removed from) the template
 * without its description fails here. (That each documented answer is the one the code gives is checked by every
 * handler test, through LambdaHarness.)
 */
class OpenApiRoutesTest {

    /**
     * The template's inline example route behind LatchkeyAuthorizer is not part of Latchkey's API (the template says
     * "delete it freely"), so it is not in the document, and deleting it must not require editing the document.
     */
    private static final Set<String> NOT_LATCHKEY_API = Set.of("ExampleProtectedFunction");

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Test
    void theDocumentsPathsAndMethodsAreTheTemplatesHttpApiRoutes() throws Exception {
        SamTemplate sam = SamTemplate.load();
        Map<String, String> templateRoutes = new TreeMap<>();
        for (String id : sam.functionIds) {
            if (NOT_LATCHKEY_API.contains(id)) {
                continue;
            }
            for (Map.Entry<String, Object> event : map(sam.ownProperties.get(id).get("Events"), id + ".Events").entrySet()) {
                Map<String, Object> body = map(event.getValue(), id + ".Events." + event.getKey());
                if ("HttpApi".equals(body.get("Type"))) {
                    Map<String, Object> properties = map(body.get("Properties"), id + ".Events." + event.getKey() + ".Properties");
                    templateRoutes.put(String.valueOf(properties.get("Method")).toUpperCase(Locale.ROOT) + " "
                            + properties.get("Path"), id);
                }
            }
        }
        assertFalse(templateRoutes.isEmpty(), "the template has no HttpApi route; the comparison would be vacuous");

        Path file = sam.root.resolve("docs").resolve("openapi.yaml");
        Map<String, Object> document = SamTemplate.parseTemplate(file);
        Set<String> documented = new TreeSet<>();
        map(document.get("paths"), file + " paths").forEach((path, item) -> map(item, path).keySet().stream()
                .filter(HTTP_METHODS::contains)
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        Set<String> missing = new TreeSet<>(templateRoutes.keySet());
        missing.removeAll(documented);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(templateRoutes.keySet());
        assertEquals(templateRoutes.keySet(), documented, "docs/openapi.yaml and template.yaml disagree on the routes:"
                + " in the template only " + missing + ", in the document only " + extra);
    }
}
