package dev.latchkey.functions.console;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.latchkey.http.testing.HttpEvent;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console function as Lambda runs it (the template's Handler, payload-2.0 events through the runtime's own
 * serializer): its files with their types, the redirect, 404 for anything else, and the security headers on all.
 */
class ConsoleFunctionTest {

    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, ConsoleFunctionTest.class.getClassLoader());

    private static APIGatewayV2HTTPEventFunction handler;

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    @BeforeAll
    static void start() {
        handler = new APIGatewayV2HTTPEventFunction();
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    static Answer get(String path, String... headers) {
        HttpEvent event = HttpEvent.request("GET", path);
        for (int i = 0; i < headers.length; i += 2) {
            event.header(headers[i], headers[i + 1]);
        }
        APIGatewayV2HTTPResponse r = handler.handleRequest(EVENTS.fromJson(event.toJson()), new MockLambdaContext());
        String body = r.getBody() == null ? "" : r.getBody();
        if (r.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        Map<String, String> lower = new TreeMap<>();
        if (r.getHeaders() != null) {
            r.getHeaders().forEach((k, v) -> lower.put(k.toLowerCase(), v));
        }
        Answer answer = new Answer(r.getStatusCode(), lower, body);
        assertSecurityHeaders(path, answer);
        return answer;
    }

    static void assertSecurityHeaders(String path, Answer a) {
        assertEquals(SecurityHeadersFilter.CONTENT_SECURITY_POLICY, a.header("Content-Security-Policy"), path);
        assertTrue(a.header("Content-Security-Policy").contains("frame-ancestors 'none'"), path);
        assertFalse(a.header("Content-Security-Policy").contains("unsafe-inline"), path);
        assertEquals("nosniff", a.header("X-Content-Type-Options"), path);
        assertEquals("no-referrer", a.header("Referrer-Policy"), path);
    }

    @Test
    void theEntrySendsTheBrowserToThePage() {
        Answer a = get("/console");
        assertEquals(302, a.status());
        assertEquals("console/index.html", a.header("Location"));
    }

    /** With a trailing slash the page is a sibling: "index.html", not "console/index.html" (which would nest). */
    @Test
    void theEntryWithATrailingSlashSendsTheBrowserToThePageToo() {
        Answer a = get("/console/");
        assertEquals(302, a.status(), a.body());
        assertEquals("index.html", a.header("Location"));
    }

    @Test
    void thePageAndItsFilesHaveTheirTypesAndAnETag() {
        Answer page = get("/console/index.html");
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
        assertEquals("no-cache", page.header("Cache-Control"));
        assertTrue(page.body().contains("<script type=\"module\" src=\"js/app.js\"></script>"), page.body());
        assertEquals("text/javascript; charset=utf-8", get("/console/js/app.js").header("Content-Type"));
        assertEquals("text/css; charset=utf-8", get("/console/css/console.css").header("Content-Type"));

        Answer again = get("/console/js/app.js", "If-None-Match", get("/console/js/app.js").header("ETag"));
        assertEquals(304, again.status());
        assertEquals("", again.body());
        assertEquals(200, get("/console/js/app.js", "If-None-Match", "\"other\"").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/nope.html", "/console/js", "/console/js/", "/console/../pom.xml",
            "/console/js/../../application.properties", "/console/%2e%2e/logback.xml", "/console/js//app.js",
            "/console/.hidden.js", "/console/js%5Capp.js", "/console/index.html.bak",
            "/console/dev/latchkey/functions/console/ConsoleAssets.class", "/console/logback.xml"})
    void anythingButAConsoleFileIs404(String path) {
        Answer a = get(path);
        assertEquals(404, a.status(), path);
        assertEquals("Not found\n", a.body(), path);
    }

    // ------------------------------------------------------------ the files themselves

    /** The console's files as they are in the source tree (what the zip ships). */
    static List<Path> consoleFiles() throws IOException, URISyntaxException {
        Path root = Path.of(ConsoleFunctionTest.class.getClassLoader().getResource("console/index.html").toURI()).getParent();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** The policy forbids inline script and style; a file with either would break in the browser, so none may. */
    @Test
    void noFileHasInlineScriptStyleOrHtmlInjection() throws Exception {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern inlineHandlersOrStyle = Pattern.compile("\\s(on[a-z]+|style)\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern htmlSinks = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function");
        for (Path f : consoleFiles()) {
            String text = Files.readString(f);
            String name = f.getFileName().toString();
            if (name.endsWith(".html")) {
                assertFalse(inlineScript.matcher(text).find(), f + " has an inline script");
                assertFalse(inlineHandlersOrStyle.matcher(text).find(), f + " has an inline handler or style");
                assertFalse(text.contains("<style"), f + " has a style element");
            }
            if (name.endsWith(".js")) {
                assertFalse(htmlSinks.matcher(text).find(), f + " writes HTML or evaluates strings; use dom.js");
                assertFalse(text.contains("localStorage") || text.contains("document.cookie"),
                        f + " touches localStorage or cookies; the session token lives in sessionStorage only");
            }
            assertFalse(text.contains("http://") || text.contains("https://"),
                    f + " names an absolute URL; the console loads nothing from another origin");
        }
    }
}
