package dev.latchkey.local.template;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A SAM/CloudFormation template as plain maps and lists: SnakeYAML, with every short-form tag ({@code !Ref},
 * {@code !Sub}, {@code !GetAtt}, ...) loaded as its long form, and SAM's Globals merge. Shared by the local runner and
 * the template consistency test, so both read the template the same way.
 */
public final class CloudFormationYaml {

    private CloudFormationYaml() {
    }

    public static Map<String, Object> parse(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);   // CloudFormation rejects duplicate keys; do not silently keep the last
        options.setTagInspector(tag -> true);   // local tags only build maps here, never objects
        Yaml yaml = new Yaml(new CloudFormationConstructor(options));
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = yaml.load(reader);
            if (!(root instanceof Map<?, ?>)) {
                throw new IOException(file + " is not a YAML mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) root;
            return map;
        }
    }

    /** SAM Globals semantics: maps merge (the function's keys win), lists add up, anything else is overridden. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mergeGlobals(Map<String, Object> globals, Map<String, Object> own) {
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

    /** {@code {"Ref": ...}}, {@code {"Condition": ...}} or {@code {"Fn::...": ...}}. */
    public static boolean isIntrinsic(Map<?, ?> m) {
        return m.size() == 1 && m.keySet().iterator().next() instanceof String k
                && (k.equals("Ref") || k.equals("Condition") || k.startsWith("Fn::"));
    }

    private static final class CloudFormationConstructor extends SafeConstructor {

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
}
