package dev.latchkey.template;

import dev.latchkey.local.template.CloudFormationYaml;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.CustomHttpMethod;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Trace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static dev.latchkey.template.SamTemplate.isIamStatement;
import static dev.latchkey.template.SamTemplate.map;
import static dev.latchkey.template.SamTemplate.strings;
import static dev.latchkey.template.SamTemplate.walk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Checks template.yaml (repository root) against the code it deploys:
 * <ol>
 *   <li>every function's Handler class is inside the zip its CodeUri names (a CodeUri not built yet fails);</li>
 *   <li>the HttpApi routes are exactly the controllers' routes (and the route validate answers without the router),
 *       each sent to the function whose zip holds the controller;</li>
 *   <li>every function has SnapStart on published versions and an AutoPublishAlias;</li>
 *   <li>no IAM statement grants Action {@code *} / {@code service:*} or Resource {@code *}.</li>
 * </ol>
 * The template is loaded by {@link SamTemplate} ({@code -Dlatchkey.template=FILE} checks another one);
 * {@link TemplateSecurityTest} checks its least-privilege and abuse limits.
 */
class TemplateConsistencyTest {

    private static final Pattern QUERY_TEMPLATE = Pattern.compile("\\{[?&][^}]*}");

    private static SamTemplate sam;
    private static Path root;
    private static Path templateFile;
    private static Map<String, Object> template;
    /** Logical id of every AWS::Serverless::Function, in template order. */
    private static List<String> functionIds;
    /** Own Properties of each function. */
    private static Map<String, Map<String, Object>> ownProperties;
    /** Properties after SAM's Globals merge (Globals.Function first, the function's own on top). */
    private static Map<String, Map<String, Object>> effectiveProperties;
    /** Class entries (a/b/C.class) of each built artifact, by path; null when the artifact does not exist. */
    private static final Map<Path, Set<String>> ARTIFACT_CLASSES = new HashMap<>();

    @BeforeAll
    static void loadTemplate() throws IOException {
        sam = SamTemplate.load();
        root = sam.root;
        templateFile = sam.file;
        template = sam.template;
        functionIds = sam.functionIds;
        ownProperties = sam.ownProperties;
        effectiveProperties = sam.effectiveProperties;
    }

    // ------------------------------------------------------------------ 1. handlers inside the built artifacts

    /**
     * Latchkey's own functions. A function on another runtime (the inline Python example behind the authorizer) is
     * not built from this repository's Java code, so the handler, route and SnapStart checks do not apply to it.
     */
    private static List<String> javaFunctionIds() {
        return functionIds.stream()
                .filter(id -> String.valueOf(effectiveProperties.get(id).get("Runtime")).startsWith("java"))
                .toList();
    }

    @Test
    void everyHandlerClassIsInsideTheArtifactItsCodeUriNames() {
        List<String> problems = new ArrayList<>();
        for (String id : javaFunctionIds()) {
            Map<String, Object> props = effectiveProperties.get(id);
            Object handler = props.get("Handler");
            if (!(handler instanceof String h) || h.isBlank()) {
                problems.add(id + ": no Handler (own or Globals.Function.Handler), or not a plain string: " + handler);
                continue;
            }
            String className = h.contains("::") ? h.substring(0, h.indexOf("::")) : h;
            Path artifact = codeUriPath(id, props, problems);
            if (artifact == null) {
                continue;
            }
            Set<String> classes = artifactClasses(artifact);
            if (classes == null) {
                problems.add(id + ": CodeUri " + props.get("CodeUri") + " is not built (" + artifact
                        + " does not exist); run `mvn package` from the repository root");
            } else if (!classes.contains(classEntry(className))) {
                problems.add(id + ": Handler class " + className + " (from Handler '" + h + "') is in none of the "
                        + "jars under lib/ (nor the root) of " + artifact);
            }
        }
        sam.assertNoProblems("Handler / CodeUri", problems);
    }

    // ------------------------------------------------------------------ 2. HttpApi routes == controller routes

    @Test
    void httpApiRoutesAreExactlyTheControllerRoutesAndReachTheFunctionPackagingTheController() throws Exception {
        List<String> problems = new ArrayList<>();

        // Template side: "METHOD /path" -> function logical id.
        Map<String, String> templateRoutes = new TreeMap<>();
        for (String id : functionIds) {
            boolean java = javaFunctionIds().contains(id);
            Object events = ownProperties.get(id).get("Events");
            if (events == null) {
                continue;
            }
            for (Map.Entry<String, Object> event : map(events, id + ".Events").entrySet()) {
                Map<String, Object> body = map(event.getValue(), id + ".Events." + event.getKey());
                if (!"HttpApi".equals(body.get("Type"))) {
                    continue;
                }
                Map<String, Object> ep = map(body.get("Properties"), id + ".Events." + event.getKey() + ".Properties");
                Object method = ep.get("Method");
                Object path = ep.get("Path");
                if (!(method instanceof String m) || !(path instanceof String p)) {
                    problems.add(id + ".Events." + event.getKey() + ": HttpApi event without a plain Method and Path "
                            + "(a catch-all $default route cannot be checked against controllers): Method=" + method
                            + " Path=" + path);
                    continue;
                }
                String route = m.toUpperCase() + " " + normalisePath(p);
                if (!java) {
                    // A non-Java route has no controller; it must at least sit behind an authorizer.
                    Object auth = ep.get("Auth");
                    if (!(auth instanceof Map<?, ?> a) || a.get("Authorizer") == null) {
                        problems.add(id + ".Events." + event.getKey() + ": route " + route + " is served by non-Java function "
                                + id + " and is not behind an authorizer");
                    }
                    continue;
                }
                String previous = templateRoutes.put(route, id);
                if (previous != null) {
                    problems.add("template route " + route + " is declared twice (" + previous + ", " + id + ")");
                }
                checkHttpHandler(id, event.getKey(), ep.get("PayloadFormatVersion"), problems);
            }
        }

        // Code side: "METHOD /path" -> controller class, from the runtime-retained Micronaut annotations.
        Map<String, String> controllerOfRoute = new TreeMap<>();
        Map<String, String> whereDeclared = new HashMap<>();
        List<String> modules = functionModules();
        if (modules.isEmpty()) {
            problems.add("no function module (a module under functions/ that builds a lambda zip) found in "
                    + root.resolve("pom.xml"));
        }
        for (String module : modules) {
            // {route, where it is declared, the class answering it}
            List<String[]> declarations = new ArrayList<>();
            for (Class<?> controller : controllerClasses(module, problems)) {
                controllerRoutes(controller, problems).forEach((route, where) ->
                        declarations.add(new String[] {route, where, controller.getName()}));
            }
            Map.Entry<String, String> answered = routerlessRoute(module, problems);
            if (answered != null) {
                declarations.add(new String[] {answered.getKey(), answered.getValue(), answered.getValue()});
            }
            for (String[] route : declarations) {
                String declared = module + ": " + route[1];
                String previous = whereDeclared.put(route[0], declared);
                if (previous != null) {
                    problems.add("controller route " + route[0] + " is declared twice: " + previous + " and " + declared);
                }
                controllerOfRoute.put(route[0], route[2]);
            }
        }

        // Route -> function is compared through the functions' artifacts: a route must reach a function whose CodeUri
        // is THE artifact packaging its controller (functions sharing one zip, e.g. manage and bootstrap, are told
        // apart by checkHttpHandler: only an HTTP API handler can serve a route).
        Map<Path, Set<String>> functionsOfArtifact = new LinkedHashMap<>();
        for (String id : functionIds) {
            Path artifact = codeUriPath(id, effectiveProperties.get(id), new ArrayList<>());
            if (artifact != null) {
                functionsOfArtifact.computeIfAbsent(artifact, a -> new TreeSet<>()).add(id);
            }
        }
        Map<String, String> templateArtifacts = new TreeMap<>();
        templateRoutes.forEach((route, id) -> {
            Path artifact = codeUriPath(id, effectiveProperties.get(id), new ArrayList<>());
            templateArtifacts.put(route, artifact == null ? "<" + id + ": no local CodeUri>" : label(artifact));
        });
        Map<String, String> codeArtifacts = new TreeMap<>();
        controllerOfRoute.forEach((route, controller) -> {
            List<String> owners = functionsOfArtifact.keySet().stream()
                    .filter(a -> artifactClasses(a) != null && artifactClasses(a).contains(classEntry(controller)))
                    .map(TemplateConsistencyTest::label).sorted().toList();
            codeArtifacts.put(route, owners.isEmpty() ? "<no function's CodeUri packages " + controller + ">"
                    : String.join(" + ", owners));
        });

        Set<String> all = new TreeSet<>(templateRoutes.keySet());
        all.addAll(codeArtifacts.keySet());
        for (String route : all) {
            String function = templateRoutes.get(route);
            if (!codeArtifacts.containsKey(route)) {
                problems.add("template route " + route + " (function " + function + ") has no controller method");
            } else if (function == null) {
                problems.add("controller route " + route + " (" + whereDeclared.get(route)
                        + ") has no HttpApi event in the template");
            } else if (!templateArtifacts.get(route).equals(codeArtifacts.get(route))) {
                problems.add("route " + route + " goes to function " + function + " (CodeUri "
                        + templateArtifacts.get(route) + "), but its controller " + controllerOfRoute.get(route)
                        + " is packaged in " + codeArtifacts.get(route) + " (functions " + functionsOfArtifact.entrySet()
                        .stream().filter(e -> codeArtifacts.get(route).contains(label(e.getKey())))
                        .flatMap(e -> e.getValue().stream()).toList() + ")");
            }
        }
        if (templateRoutes.isEmpty() && codeArtifacts.isEmpty()) {
            problems.add("neither the template nor the controllers have a route; the comparison would be vacuous");
        }
        sam.assertNoProblems("HttpApi routes vs controllers\n  template (route -> function): " + templateRoutes
                + "\n  code (route -> controller): " + controllerOfRoute, problems);
    }

    /** A function receiving HttpApi events must have the Micronaut handler for the event's payload format. */
    private static void checkHttpHandler(String id, String event, Object payloadFormat, List<String> problems) {
        String format = payloadFormat == null ? "2.0" : String.valueOf(payloadFormat);   // SAM's HttpApi default
        String expected = switch (format) {
            case "2.0" -> "io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction";
            case "1.0" -> "io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction";
            default -> null;
        };
        Object handler = effectiveProperties.get(id).get("Handler");
        String className = handler instanceof String h ? h.replaceAll("::.*$", "") : String.valueOf(handler);
        if (expected == null) {
            problems.add(id + ".Events." + event + ": unknown PayloadFormatVersion " + payloadFormat);
            return;
        }
        ClassLoader loader = TemplateConsistencyTest.class.getClassLoader();
        try {
            Class<?> handlerClass = Class.forName(className, false, loader);
            if (!Class.forName(expected, false, loader).isAssignableFrom(handlerClass)
                    && !("2.0".equals(format) && handlesPayload2(handlerClass))) {
                problems.add(id + ".Events." + event + ": an HttpApi route with payload " + format + " needs a "
                        + expected + " handler (or a RequestHandler of its event and response types), but " + id
                        + "'s Handler is " + handler);
            }
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(id + ".Events." + event + ": cannot load handler " + className + " or " + expected + " ("
                    + e + ")");
        }
    }

    /**
     * Whether the class is a Lambda {@code RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>} through its
     * nearest parameterized handler supertype (the validate function's handler answers events without the router).
     * The handler supertypes Latchkey uses (RequestHandler itself, MicronautRequestHandler) keep the input and output
     * type parameters in that order.
     */
    private static boolean handlesPayload2(Class<?> handler) {
        for (Class<?> k = handler; k != null; k = k.getSuperclass()) {
            java.util.List<java.lang.reflect.Type> supertypes = new ArrayList<>(List.of(k.getGenericInterfaces()));
            supertypes.add(0, k.getGenericSuperclass());
            for (java.lang.reflect.Type t : supertypes) {
                if (t instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> raw
                        && com.amazonaws.services.lambda.runtime.RequestHandler.class.isAssignableFrom(raw)) {
                    java.lang.reflect.Type[] args = p.getActualTypeArguments();
                    return args.length == 2
                            && args[0].getTypeName().equals("com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent")
                            && args[1].getTypeName().equals("com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse");
                }
            }
        }
        return false;
    }

    /** An artifact path as written relative to the repository root. */
    private static String label(Path artifact) {
        return artifact.startsWith(root) ? root.relativize(artifact).toString().replace('\\', '/') : artifact.toString();
    }

    /**
     * The validate function's handler is the one its tests run (functions/validate's LambdaHarness gets
     * ValidateFunctionHandler): it answers every validate request without the HTTP router, as the route tests check.
     */
    @Test
    void theValidateFunctionRunsItsFastPathHandler() {
        assertEquals("dev.latchkey.functions.validate.ValidateFunctionHandler",
                effectiveProperties.get("ValidateFunction").get("Handler"));
    }

    // ------------------------------------------------------------------ 3. SnapStart and alias

    @Test
    void everyFunctionHasSnapStartOnPublishedVersionsAndAnAlias() {
        List<String> problems = new ArrayList<>();
        for (String id : javaFunctionIds()) {
            Map<String, Object> props = effectiveProperties.get(id);
            Object snapStart = props.get("SnapStart");
            Object applyOn = snapStart instanceof Map<?, ?> s ? s.get("ApplyOn") : null;
            if (!"PublishedVersions".equals(applyOn)) {
                problems.add(id + ": SnapStart.ApplyOn is " + applyOn + " (own or Globals), expected PublishedVersions");
            }
            Object alias = props.get("AutoPublishAlias");
            boolean aliasSet = alias instanceof String a ? !a.isBlank() : alias instanceof Map<?, ?>;
            if (!aliasSet) {
                problems.add(id + ": no AutoPublishAlias (own or Globals): SnapStart only applies to published "
                        + "versions, and without an alias callers (HttpApi integrations) invoke $LATEST");
            }
        }
        sam.assertNoProblems("SnapStart / AutoPublishAlias", problems);
    }

    // ------------------------------------------------------------------ 4. IAM wildcards

    @Test
    void noIamStatementGrantsWildcardActionsOrResources() {
        List<String> problems = new ArrayList<>();
        int[] statements = {0};
        walk(template, "", (path, node) -> {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey("Statement")) {
                return;
            }
            Object st = m.get("Statement");
            List<?> list = st instanceof List<?> l ? l : List.of(st);
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> s) || !isIamStatement(s)) {
                    continue;   // e.g. a WAF rule's Statement
                }
                statements[0]++;
                String where = path + ".Statement[" + i + "]" + (s.get("Sid") == null ? "" : " (Sid " + s.get("Sid") + ")");
                if ("Deny".equals(s.get("Effect"))) {
                    continue;   // a Deny grants nothing: wildcards there only narrow access
                }
                for (String action : strings(s.get("Action"))) {
                    if (action.equals("*") || action.endsWith(":*")) {
                        problems.add(where + ": Action '" + action + "'");
                    }
                }
                for (String resource : strings(s.get("Resource"))) {
                    if (resource.equals("*")) {
                        problems.add(where + ": Resource '*'");
                    }
                }
                if (s.containsKey("NotAction") || s.containsKey("NotResource")) {
                    problems.add(where + ": an Allow with NotAction/NotResource grants everything else");
                }
            }
        });
        sam.assertNoProblems("IAM wildcards", problems);
        assertFalse(statements[0] == 0, "found no IAM policy statement at all in " + templateFile
                + "; the wildcard check would be vacuous");
    }



    /** The local artifact a function's CodeUri names (relative to the template's folder), or null after a problem. */
    private static Path codeUriPath(String id, Map<String, Object> props, List<String> problems) {
        Object codeUri = props.get("CodeUri");
        if (!(codeUri instanceof String uri) || uri.isBlank()) {
            problems.add(id + ": CodeUri is not a local path (" + codeUri + "); its contents cannot be checked");
            return null;
        }
        if (uri.startsWith("s3://")) {
            problems.add(id + ": CodeUri " + uri + " is in S3; its contents cannot be checked");
            return null;
        }
        return templateFile.getParent().resolve(uri).normalize();
    }

    // ================================================================== artifacts

    /**
     * Class entries Lambda's Java runtime would see in an artifact: its root and every lib/*.jar inside it (a zip or a
     * jar), or the same layout in a folder. Null when the artifact does not exist. Cached per path.
     */
    private static synchronized Set<String> artifactClasses(Path artifact) {
        if (ARTIFACT_CLASSES.containsKey(artifact)) {
            return ARTIFACT_CLASSES.get(artifact);
        }
        Set<String> classes = null;
        try {
            if (Files.isDirectory(artifact)) {
                classes = new HashSet<>();
                try (Stream<Path> files = Files.walk(artifact)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        String rel = artifact.relativize(f).toString().replace('\\', '/');
                        if (rel.endsWith(".class")) {
                            classes.add(rel);
                        } else if (isLibJar(rel)) {
                            addJarClasses(Files.readAllBytes(f), classes);
                        }
                    }
                }
            } else if (Files.isRegularFile(artifact)) {
                classes = new HashSet<>();
                try (ZipFile zip = new ZipFile(artifact.toFile())) {
                    for (ZipEntry e : zip.stream().toList()) {
                        if (e.getName().endsWith(".class")) {
                            classes.add(e.getName());
                        } else if (isLibJar(e.getName())) {
                            try (InputStream in = zip.getInputStream(e)) {
                                addJarClasses(in.readAllBytes(), classes);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + artifact + ": " + e, e);
        }
        ARTIFACT_CLASSES.put(artifact, classes);
        return classes;
    }

    private static boolean isLibJar(String name) {
        return name.startsWith("lib/") && name.endsWith(".jar") && name.indexOf('/', 4) < 0;
    }

    /**
     * The .class entries of a jar held in memory. Reads only the jar's central directory (no inflating, which keeps
     * the ~300 jars of five zips well under a second); anything unusual (zip64, data in front) takes the slow path.
     */
    private static void addJarClasses(byte[] jar, Set<String> classes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(jar).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = jar.length - 22; i >= Math.max(0, jar.length - 22 - 0xFFFF); i--) {
            if (b.getInt(i) == 0x06054b50) {
                eocd = i;
                break;
            }
        }
        List<String> names = new ArrayList<>();
        boolean readable = eocd >= 0;
        if (readable) {
            int entries = b.getShort(eocd + 10) & 0xFFFF;
            long offset = b.getInt(eocd + 16) & 0xFFFFFFFFL;
            int p = (int) offset;
            for (int n = 0; readable && n < entries; n++) {
                if (offset >= 0xFFFFFFFFL || entries == 0xFFFF || p + 46 > eocd || b.getInt(p) != 0x02014b50) {
                    readable = false;
                    break;
                }
                int nameLength = b.getShort(p + 28) & 0xFFFF;
                names.add(new String(jar, p + 46, nameLength, StandardCharsets.UTF_8));
                p += 46 + nameLength + (b.getShort(p + 30) & 0xFFFF) + (b.getShort(p + 32) & 0xFFFF);
            }
        }
        if (!readable) {
            names.clear();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    names.add(e.getName());
                }
            }
        }
        names.stream().filter(n -> n.endsWith(".class")).forEach(classes::add);
    }

    private static String classEntry(String className) {
        return className.replace('.', '/') + ".class";
    }

    // ================================================================== controllers

    /** Modules of the root pom under functions/ that build a lambda zip (declare maven-assembly-plugin). */
    private static List<String> functionModules() throws Exception {
        List<String> modules = new ArrayList<>();
        for (String module : elementTexts(root.resolve("pom.xml"), "module")) {
            Path pom = root.resolve(module).resolve("pom.xml");
            if (module.startsWith("functions/") && Files.isRegularFile(pom)
                    && elementTexts(pom, "artifactId").contains("maven-assembly-plugin")) {
                modules.add(module);
            }
        }
        return modules;
    }

    private static List<String> elementTexts(Path xml, String tag) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList nodes = factory.newDocumentBuilder().parse(xml.toFile()).getElementsByTagName(tag);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(((Element) nodes.item(i)).getTextContent().trim());
        }
        return texts;
    }

    /**
     * Every @Controller class compiled in a module. The classes come from the module's target/classes (what the reactor
     * just compiled, even when this module runs alone against older installed jars); their dependencies and the
     * Micronaut annotations come from the test classpath. Only classes naming @Controller are loaded.
     */
    private static List<Class<?>> controllerClasses(String module, List<String> problems) throws IOException {
        Path classesDir = root.resolve(module).resolve("target/classes");
        if (!Files.isDirectory(classesDir)) {
            problems.add(module + ": " + classesDir + " does not exist; the module is not compiled");
            return List.of();
        }
        List<String> names;
        try (Stream<Path> files = Files.walk(classesDir)) {
            names = files.map(f -> classesDir.relativize(f).toString().replace('\\', '/'))
                    .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .filter(n -> !n.substring(n.lastIndexOf('.') + 1).startsWith("$"))   // Micronaut's generated
                    .sorted()
                    .toList();
        }
        byte[] descriptor = ("L" + Controller.class.getName().replace('.', '/') + ";").getBytes(StandardCharsets.UTF_8);
        ModuleClassLoader loader = new ModuleClassLoader(classesDir, TemplateConsistencyTest.class.getClassLoader());
        LOADERS.add(loader);
        List<Class<?>> controllers = new ArrayList<>();
        for (String name : names) {
            if (indexOf(Files.readAllBytes(classesDir.resolve(name.replace('.', '/') + ".class")), descriptor) < 0) {
                continue;
            }
            try {
                Class<?> c = Class.forName(name, false, loader);
                if (c.isAnnotationPresent(Controller.class)) {
                    controllers.add(c);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add(module + ": cannot load " + name + " (" + e + "); are the module's dependencies on the "
                        + "test classpath of latchkey-template-tests (a test dependency on the module), and installed?");
            }
        }
        return controllers;
    }

    /**
     * The modules whose function answers its one route without the router, and the class that does: it declares the
     * route as {@code static final String ROUTE = "METHOD /path"}, which stands in for a controller's annotations.
     */
    private static final Map<String, String> ROUTERLESS = Map.of(
            "functions/validate", "dev.latchkey.functions.validate.ValidateRoute");

    /** {@code "METHOD /path"} -> the class answering it, for a module in {@link #ROUTERLESS}; else null. */
    private static Map.Entry<String, String> routerlessRoute(String module, List<String> problems) throws IOException {
        String name = ROUTERLESS.get(module);
        if (name == null) {
            return null;
        }
        ModuleClassLoader loader = new ModuleClassLoader(root.resolve(module).resolve("target/classes"),
                TemplateConsistencyTest.class.getClassLoader());
        LOADERS.add(loader);
        try {
            java.lang.reflect.Field field = Class.forName(name, true, loader).getDeclaredField("ROUTE");
            field.setAccessible(true);
            String route = (String) field.get(null);
            int space = route.indexOf(' ');
            return Map.entry(route.substring(0, space) + " " + normalisePath(route.substring(space + 1)), name);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            problems.add(module + ": cannot read the route " + name + " answers without the router (" + e + ")");
            return null;
        }
    }

    private static final List<ModuleClassLoader> LOADERS = new ArrayList<>();

    @AfterAll
    static void closeLoaders() throws IOException {
        for (ModuleClassLoader loader : LOADERS) {
            loader.close();
        }
    }

    /** Child-first for the classes of one module's target/classes, parent (test classpath) for everything else. */
    static final class ModuleClassLoader extends URLClassLoader {

        ModuleClassLoader(Path classesDir, ClassLoader parent) throws IOException {
            super(new URL[] {classesDir.toUri().toURL()}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && findResource(name.replace('.', '/') + ".class") != null) {
                    c = findClass(name);
                }
                if (c == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** "METHOD /path" -> "Class#method" for one controller, as Micronaut would route it. */
    private static Map<String, String> controllerRoutes(Class<?> controller, List<String> problems) {
        String base = controller.getAnnotation(Controller.class).value();
        Map<String, String> routes = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Deque<Class<?>> types = new ArrayDeque<>(List.of(controller));
        while (!types.isEmpty()) {   // the class, its superclasses and interfaces; the most specific declaration wins
            Class<?> type = types.poll();
            for (Method method : type.getDeclaredMethods()) {
                if (method.isSynthetic() || !seen.add(method.getName() + List.of(method.getParameterTypes()))) {
                    continue;
                }
                for (Annotation a : method.getAnnotations()) {
                    String httpMethod = httpMethod(a);
                    if (httpMethod == null) {
                        continue;
                    }
                    for (String uri : uris(a)) {
                        if ((base + uri).contains("${")) {
                            problems.add(controller.getName() + "#" + method.getName() + ": route " + base + " + " + uri
                                    + " uses a property placeholder; it cannot be checked statically");
                        }
                        String route = httpMethod + " " + normalisePath(join(base, uri));
                        String where = controller.getName() + "#" + method.getName();
                        String previous = routes.put(route, where);
                        if (previous != null && !previous.equals(where)) {
                            problems.add("controller route " + route + " is declared twice: " + previous + ", " + where);
                        }
                    }
                }
            }
            if (type.getSuperclass() != null && type.getSuperclass() != Object.class) {
                types.add(type.getSuperclass());
            }
            types.addAll(List.of(type.getInterfaces()));
        }
        return routes;
    }

    private static String httpMethod(Annotation a) {
        if (a instanceof Get) return "GET";
        if (a instanceof Post) return "POST";
        if (a instanceof Put) return "PUT";
        if (a instanceof Delete) return "DELETE";
        if (a instanceof Patch) return "PATCH";
        if (a instanceof Head) return "HEAD";
        if (a instanceof Options) return "OPTIONS";
        if (a instanceof Trace) return "TRACE";
        if (a instanceof CustomHttpMethod c) return c.method().toUpperCase();
        return null;
    }

    /** value / uri / uris of a route annotation (aliases of each other; "/" is their default). */
    private static Set<String> uris(Annotation a) {
        String value;
        String uri;
        String[] uris;
        try {
            value = (String) a.annotationType().getMethod("value").invoke(a);
            uri = (String) a.annotationType().getMethod("uri").invoke(a);
            uris = (String[]) a.annotationType().getMethod("uris").invoke(a);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("unexpected route annotation " + a, e);
        }
        Set<String> all = new LinkedHashSet<>();
        Stream.concat(Stream.of(value, uri), Stream.of(uris)).filter(Objects::nonNull)
                .filter(u -> !u.isEmpty() && !u.equals("/")).forEach(all::add);
        if (all.isEmpty()) {
            all.add("");
        }
        return all;
    }

    private static String join(String base, String path) {
        if (path.isEmpty() || path.equals("/")) {
            return base;
        }
        return base + (base.endsWith("/") || path.startsWith("/") || path.startsWith("{") ? "" : "/") + path;
    }

    /**
     * One spelling for Micronaut URI templates and SAM paths, keeping variable names: no query templates ({?a,b}), no
     * empty or trailing segments, {name:regex} -> {name}, Micronaut's {+name} -> SAM's greedy {name+}.
     */
    static String normalisePath(String path) {
        String p = QUERY_TEMPLATE.matcher(path).replaceAll("");
        StringBuilder out = new StringBuilder();
        for (String segment : p.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            Matcher var = Pattern.compile("\\{([^}]*)}").matcher(segment);
            StringBuilder s = new StringBuilder();
            while (var.find()) {
                String name = var.group(1);
                boolean greedy = name.startsWith("+") || name.endsWith("+");
                name = name.replaceAll("^\\+|\\+$", "");
                int colon = name.indexOf(':');
                if (colon >= 0) {
                    name = name.substring(0, colon);
                }
                var.appendReplacement(s, Matcher.quoteReplacement("{" + name + (greedy ? "+" : "") + "}"));
            }
            var.appendTail(s);
            out.append('/').append(s);
        }
        return out.length() == 0 ? "/" : out.toString();
    }
}
