package dev.latchkey.template;

import dev.latchkey.local.template.CloudFormationYaml;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * template.yaml as the template tests see it: the parsed document (short-form tags in their long form), its
 * AWS::Serverless::Function resources with their own and their Globals-merged Properties, and the walking helpers the
 * checks share. The root is the {@code maven.multiModuleProjectDirectory} system property (set by surefire) or the
 * nearest parent of the working directory holding template.yaml and pom.xml. {@code -Dlatchkey.template=FILE} loads
 * another template (its CodeUri paths resolve against that file's directory, as in SAM).
 */
final class SamTemplate {

    static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";

    final Path root;
    final Path file;
    final Map<String, Object> template;
    /** Logical id of every AWS::Serverless::Function, in template order. */
    final List<String> functionIds = new ArrayList<>();
    /** Own Properties of each function. */
    final Map<String, Map<String, Object>> ownProperties = new LinkedHashMap<>();
    /** Properties after SAM's Globals merge (Globals.Function first, the function's own on top). */
    final Map<String, Map<String, Object>> effectiveProperties = new LinkedHashMap<>();

    private SamTemplate(Path root, Path file) throws IOException {
        this.root = root;
        this.file = file;
        this.template = parseTemplate(file);
        Map<String, Object> globalsFunction = map(map(template.get("Globals"), "Globals").get("Function"),
                "Globals.Function");
        for (Map.Entry<String, Object> resource : resources().entrySet()) {
            Map<String, Object> body = map(resource.getValue(), "Resources." + resource.getKey());
            if (SERVERLESS_FUNCTION.equals(body.get("Type"))) {
                Map<String, Object> own = map(body.get("Properties"), resource.getKey() + ".Properties");
                functionIds.add(resource.getKey());
                ownProperties.put(resource.getKey(), own);
                effectiveProperties.put(resource.getKey(), mergeGlobals(globalsFunction, own));
            }
        }
        assertFalse(functionIds.isEmpty(), file + " declares no " + SERVERLESS_FUNCTION);
    }

    /** The repository's template.yaml, or the one {@code -Dlatchkey.template} names. */
    static SamTemplate load() throws IOException {
        Path root = repositoryRoot();
        String override = System.getProperty("latchkey.template");
        Path file = (override == null || override.isBlank() ? root.resolve("template.yaml") : Paths.get(override))
                .toAbsolutePath().normalize();
        return new SamTemplate(root, file);
    }

    Map<String, Object> resources() {
        return map(template.get("Resources"), "Resources");
    }

    Map<String, Object> resource(String logicalId) {
        return map(resources().get(logicalId), "Resources." + logicalId);
    }

    Map<String, Object> parameters() {
        return map(template.get("Parameters"), "Parameters");
    }

    /** The template as the local runner reads it: one parser for both (short-form tags in their long form). */
    static Map<String, Object> parseTemplate(Path file) throws IOException {
        return CloudFormationYaml.parse(file);
    }

    /** SAM Globals semantics, as the runner applies them. */
    static Map<String, Object> mergeGlobals(Map<String, Object> globals, Map<String, Object> own) {
        return CloudFormationYaml.mergeGlobals(globals, own);
    }

    static Path repositoryRoot() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("maven.multiModuleProjectDirectory");
        if (property != null && !property.isBlank() && !property.startsWith("${")) {
            candidates.add(Paths.get(property));
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            candidates.add(p);
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("no repository root (a folder with template.yaml and pom.xml) among "
                + candidates);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError(what + " in the template is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    static boolean isIamStatement(Map<?, ?> statement) {
        return Stream.of("Effect", "Action", "NotAction", "Resource", "NotResource", "Principal")
                .anyMatch(statement::containsKey);
    }

    /** Every string inside a value (a string, a list, or an intrinsic function such as !Sub / !If). */
    static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        walk(value, "", (path, node) -> {
            if (node instanceof String s) {
                out.add(s);
            }
        });
        return out;
    }

    interface Visitor {
        void visit(String path, Object node);
    }

    static void walk(Object node, String path, Visitor visitor) {
        visitor.visit(path, node);
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path.isEmpty() ? String.valueOf(k) : path + "." + k, visitor));
        } else if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object v : c) {
                walk(v, path + "[" + i++ + "]", visitor);
            }
        }
    }

    void assertNoProblems(String check, List<String> problems) {
        if (!problems.isEmpty()) {
            fail(check + ": " + problems.size() + " problem(s) in " + file + "\n - "
                    + problems.stream().collect(Collectors.joining("\n - ")));
        }
    }
}
