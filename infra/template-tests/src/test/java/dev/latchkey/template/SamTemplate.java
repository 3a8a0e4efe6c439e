package dev.latchkey.template;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
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

    /** SnakeYAML, with every CloudFormation short-form tag (!Ref, !Sub, !GetAtt, ...) loaded as its long form. */
    static Map<String, Object> parseTemplate(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);   // CloudFormation rejects duplicate keys; do not silently keep the last
        options.setTagInspector(tag -> true);   // local tags only build maps here, never objects
        Yaml yaml = new Yaml(new CloudFormationConstructor(options));
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return map(yaml.load(reader), file.toString());
        }
    }

    static final class CloudFormationConstructor extends SafeConstructor {

        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            // The fallback for every tag SafeConstructor does not know: "!Name value" -> {"Fn::Name": value}.
            this.yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue();
                    String name = tag.startsWith("!") ? tag.substring(1) : tag;
                    String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        String text = constructScalar(scalar);
                        // The short form "!GetAtt Resource.Attribute" is ["Resource", "Attribute"] in long form.
                        value = name.equals("GetAtt") && text.contains(".")
                                ? List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1))
                                : text;
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        MappingNode mapping = (MappingNode) node;
                        flattenMapping(mapping);
                        value = constructMapping(mapping);
                    }
                    Map<String, Object> intrinsic = new LinkedHashMap<>();
                    intrinsic.put(key, value);
                    return intrinsic;
                }
            });
        }
    }

    /** SAM Globals semantics: maps merge (the function's keys win), lists add up, anything else is overridden. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergeGlobals(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        for (Map.Entry<String, Object> e : own.entrySet()) {
            Object g = merged.get(e.getKey());
            Object o = e.getValue();
            if (g instanceof Map<?, ?> gm && o instanceof Map<?, ?> om && !isIntrinsic(gm) && !isIntrinsic(om)) {
                merged.put(e.getKey(), mergeGlobals((Map<String, Object>) gm, (Map<String, Object>) om));
            } else if (g instanceof List<?> gl && o instanceof List<?> ol) {
                merged.put(e.getKey(), Stream.concat(gl.stream(), ol.stream()).toList());
            } else {
                merged.put(e.getKey(), o);
            }
        }
        return merged;
    }

    private static boolean isIntrinsic(Map<?, ?> m) {
        return m.size() == 1 && m.keySet().iterator().next() instanceof String k
                && (k.equals("Ref") || k.equals("Condition") || k.startsWith("Fn::"));
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
