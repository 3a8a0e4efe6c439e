package dev.latchkey.local.template;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the local runner takes from {@code template.yaml}: the functions (runtime, handler, code, environment, schedule
 * events, after the Globals merge), the HttpApi routes and the HttpApi's Lambda authorizers. Only what SAM itself would
 * read; anything the runner cannot interpret fails here, at start, with the place in the template.
 */
public record SamTemplate(Path file, Map<String, Object> parameters, Map<String, Function> functions,
                          List<Route> routes, Map<String, Authorizer> authorizers) {

    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";

    /**
     * One AWS::Serverless::Function.
     *
     * @param codeUri    the artifact, resolved against the template's folder; null for inline code
     * @param environment Environment.Variables, Globals first, the function's own on top (values unresolved)
     * @param schedules  the expressions of its Schedule events
     * @param timeoutSeconds its Timeout (3 s, Lambda's default, when absent)
     * @param memoryMb   its MemorySize (128 MB, Lambda's default, when absent)
     */
    public record Function(String id, String runtime, String handler, Path codeUri, Map<String, Object> environment,
                           List<String> schedules, int timeoutSeconds, int memoryMb) {
        public boolean isJava() {
            return runtime != null && runtime.startsWith("java");
        }
    }

    /** An HttpApi event: {@code METHOD /path/{param}}, the function it reaches, and its authorizer (or null). */
    public record Route(String method, String path, String functionId, String authorizer) {
        public String key() {
            return method + " " + path;
        }
    }

    /** A Lambda authorizer of the HttpApi (payload 2.0), its function and identity sources. */
    public record Authorizer(String name, String functionId, List<String> identityHeaders, List<String> identityContext,
                             boolean simpleResponses) {
    }

    public static SamTemplate load(Path file) throws IOException {
        Map<String, Object> template = CloudFormationYaml.parse(file);
        Map<String, Object> parameters = map(template.get("Parameters"), "Parameters");
        Map<String, Object> globals = map(map(template.get("Globals"), "Globals").get("Function"), "Globals.Function");
        Map<String, Function> functions = new LinkedHashMap<>();
        List<Route> routes = new ArrayList<>();
        Map<String, Authorizer> authorizers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> resource : map(template.get("Resources"), "Resources").entrySet()) {
            String id = resource.getKey();
            Map<String, Object> body = map(resource.getValue(), id);
            Map<String, Object> own = map(body.get("Properties"), id + ".Properties");
            if ("AWS::Serverless::HttpApi".equals(body.get("Type"))) {
                authorizers.putAll(authorizers(id, own));
            }
            if (!SERVERLESS_FUNCTION.equals(body.get("Type"))) {
                continue;
            }
            Map<String, Object> props = CloudFormationYaml.mergeGlobals(globals, own);
            Object codeUri = props.get("CodeUri");
            Path code = codeUri instanceof String uri && !uri.isBlank()
                    ? file.toAbsolutePath().getParent().resolve(uri).normalize() : null;
            Map<String, Object> environment = map(map(props.get("Environment"), id + ".Environment").get("Variables"),
                    id + ".Environment.Variables");
            List<String> schedules = new ArrayList<>();
            for (Map.Entry<String, Object> event : map(own.get("Events"), id + ".Events").entrySet()) {
                String where = id + ".Events." + event.getKey();
                Map<String, Object> e = map(event.getValue(), where);
                Map<String, Object> ep = map(e.get("Properties"), where + ".Properties");
                if ("HttpApi".equals(e.get("Type"))) {
                    if (!(ep.get("Method") instanceof String method) || !(ep.get("Path") instanceof String path)) {
                        throw new IllegalArgumentException(where + ": an HttpApi event needs a plain Method and Path");
                    }
                    Object authorizer = map(ep.get("Auth"), where + ".Auth").get("Authorizer");
                    routes.add(new Route(method.toUpperCase(), path, id, authorizer == null ? null : authorizer.toString()));
                } else if ("Schedule".equals(e.get("Type"))) {
                    schedules.add(resolveParameter(parameters, ep.get("Schedule"), where + ".Schedule"));
                }
            }
            int timeout = Integer.parseInt(resolveParameter(parameters, props.getOrDefault("Timeout", 3), id + ".Timeout"));
            int memory = Integer.parseInt(resolveParameter(parameters, props.getOrDefault("MemorySize", 128), id + ".MemorySize"));
            functions.put(id, new Function(id, String.valueOf(props.get("Runtime")), (String) props.get("Handler"), code,
                    environment, List.copyOf(schedules), timeout, memory));
        }
        return new SamTemplate(file, parameters, functions, List.copyOf(routes), authorizers);
    }

    private static Map<String, Authorizer> authorizers(String apiId, Map<String, Object> api) {
        Map<String, Authorizer> found = new LinkedHashMap<>();
        Map<String, Object> all = map(map(api.get("Auth"), apiId + ".Auth").get("Authorizers"), apiId + ".Auth.Authorizers");
        for (Map.Entry<String, Object> a : all.entrySet()) {
            String where = apiId + ".Auth.Authorizers." + a.getKey();
            Map<String, Object> body = map(a.getValue(), where);
            // FunctionArn: !Ref Fn.Alias, !GetAtt Fn.Arn: the function is the resource named before the dot.
            Object arn = body.get("FunctionArn");
            String target = null;
            if (arn instanceof Map<?, ?> m && m.get("Ref") instanceof String ref) {
                target = ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
            } else if (arn instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> l && !l.isEmpty()) {
                target = String.valueOf(l.get(0));
            }
            if (target == null) {
                throw new IllegalArgumentException(where + ".FunctionArn must name a function of this template: " + arn);
            }
            if (!"2.0".equals(String.valueOf(body.get("AuthorizerPayloadFormatVersion")))) {
                throw new IllegalArgumentException(where + ": only AuthorizerPayloadFormatVersion 2.0 is served locally");
            }
            Map<String, Object> identity = map(body.get("Identity"), where + ".Identity");
            found.put(a.getKey(), new Authorizer(a.getKey(), target, strings(identity.get("Headers")),
                    strings(identity.get("Context")), Boolean.TRUE.equals(body.get("EnableSimpleResponses"))));
        }
        return found;
    }

    /** A plain value, or {@code !Ref Parameter} as the parameter's Default (what a deploy without overrides gets). */
    public String resolveParameter(Object value, String where) {
        return resolveParameter(parameters, value, where);
    }

    private static String resolveParameter(Map<String, Object> parameters, Object value, String where) {
        if (value instanceof Map<?, ?> m && m.get("Ref") instanceof String ref && parameters.containsKey(ref)) {
            Object def = map(parameters.get(ref), "Parameters." + ref).get("Default");
            if (def == null) {
                throw new IllegalArgumentException(where + ": parameter " + ref + " has no Default to use locally");
            }
            return String.valueOf(def);
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException(where + ": cannot resolve " + value + " locally");
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }
}
