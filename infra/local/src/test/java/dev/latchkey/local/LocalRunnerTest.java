package dev.latchkey.local;

import dev.latchkey.dynamodblocal.EmbeddedDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README walkthrough, over real HTTP against the runner: register, create, validate, rotate, refuse, delete. */
class LocalRunnerTest {

    static LocalRunner.Running runner;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(LocalRunner.options(0, "demo-org"));
    }

    @AfterAll
    static void stop() {
        runner.stop();
    }

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(runner, method, path, body);
    }

    static HttpResponse<String> call(LocalRunner.Running on, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + on.port() + path))
                .header("Authorization", "Bearer " + on.ownerToken().value())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), name + " missing");
        return m.group(1);
    }

    @Test
    void walkthrough() throws Exception {
        assertEquals(200, call("PUT", "/v1/organizations/demo-org/workspaces/ws-analytics", null).statusCode());
        HttpResponse<String> created = call("POST", "/v1/organizations/demo-org/tokens",
                "{\"name\":\"ci\",\"scope\":\"WORKSPACE\",\"entityId\":\"ws-analytics\",\"role\":\"WORKSPACE_AUTHOR\"}");
        assertEquals(200, created.statusCode());
        String id = field(created.body(), "id");
        String value = field(created.body(), "token");

        HttpResponse<String> valid = call("POST", "/v1/validate", "{\"token\":\"" + value + "\",\"organizationId\":\"demo-org\",\"workspaceId\":\"ws-analytics\"}");
        assertEquals("VALID", field(valid.body(), "code"));

        HttpResponse<String> rotated = call("POST", "/v1/organizations/demo-org/tokens/" + id + "/rotate", "{}");
        assertEquals(200, rotated.statusCode());
        String newValue = field(rotated.body(), "token");
        assertEquals("REVOKED", field(call("POST", "/v1/validate", "{\"token\":\"" + value + "\"}").body(), "code"));
        assertEquals("VALID", field(call("POST", "/v1/validate", "{\"token\":\"" + newValue + "\"}").body(), "code"));

        assertEquals(204, call("DELETE", "/v1/organizations/demo-org/tokens/" + id, null).statusCode());
        assertEquals("REVOKED", field(call("POST", "/v1/validate", "{\"token\":\"" + newValue + "\"}").body(), "code"));
        assertEquals(404, call("GET", "/v1/organizations/demo-org/tokens/" + id, null).statusCode());
    }

    @Test
    void directAccessTokensVerifyAgainstTheRunnersOwnKeysAndALeakReportRevokesThem() throws Exception {
        HttpResponse<String> created = call("POST", "/v1/organizations/demo-org/tokens",
                "{\"name\":\"edge\",\"scope\":\"ORGANIZATION\",\"role\":\"ORGANIZATION_MEMBER\",\"kind\":\"DIRECT_ACCESS\"}");
        assertEquals(200, created.statusCode());
        String value = field(created.body(), "token");
        String kid = field(new String(java.util.Base64.getUrlDecoder().decode(value.split("\\.")[0]), java.nio.charset.StandardCharsets.UTF_8), "kid");
        HttpResponse<String> jwks = call("GET", "/v1/.well-known/jwks.json", null);
        assertTrue(jwks.body().contains("\"kid\":\"" + kid + "\"") && !jwks.body().contains("\"d\""), jwks.body());
        assertEquals("VALID", field(call("POST", "/v1/validate", "{\"token\":\"" + value + "\"}").body(), "code"));
        assertEquals(200, call("POST", "/v1/credentials/revoke", "{\"credentials\":[\"" + value + "\"]}").statusCode());
        assertEquals("REVOKED", field(call("POST", "/v1/validate", "{\"token\":\"" + value + "\"}").body(), "code"));
    }

    @Test
    void frameworkErrorsUseTheErrorBody() throws Exception {
        HttpResponse<String> unknown = call("GET", "/v1/nothing-here", null);
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("\"statusCode\":404") && unknown.body().contains("\"requestId\""));
        HttpResponse<String> big = call("POST", "/v1/validate", "{\"token\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}");
        assertEquals(413, big.statusCode());
        assertTrue(big.body().contains("\"statusCode\":413"));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413BeforeItIsParsed() throws Exception {
        byte[] body = ("{\"token\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // A publisher of unknown length: the client sends Transfer-Encoding: chunked and no Content-Length.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.port() + "/v1/validate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"statusCode\":413"), response.body());
    }

    @Test
    void oversizedHeadersAre431AndOversizedUrlsAre414() throws Exception {
        HttpResponse<String> header = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.port() + "/v1/validate"))
                .header("X-Padding", "p".repeat(20 * 1024)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(431, header.statusCode(), header.body());
        assertTrue(header.body().contains("\"statusCode\":431"), header.body());
        HttpResponse<String> url = call("GET", "/v1/organizations/demo-org/tokens?workspaceId=" + "w".repeat(10 * 1024), null);
        assertEquals(414, url.statusCode(), url.body());
        assertTrue(url.body().contains("\"statusCode\":414"), url.body());
    }

    @Test
    void theRunnerRefusesAmbiguousJsonAndUnknownQueryParametersLikeTheLambdaPath() throws Exception {
        HttpResponse<String> duplicate = call("POST", "/v1/organizations/demo-org/tokens",
                "{\"name\":\"dup\",\"scope\":\"ORGANIZATION\",\"role\":\"ORGANIZATION_OWNER\",\"role\":\"ORGANIZATION_MEMBER\"}");
        assertEquals(400, duplicate.statusCode(), duplicate.body());
        HttpResponse<String> trailing = call("POST", "/v1/validate", "{\"token\":\"x\"}{\"token\":\"y\"}");
        assertEquals(400, trailing.statusCode(), trailing.body());
        assertEquals(200, call("PUT", "/v1/organizations/demo-org/workspaces/ws-kept", null).statusCode());
        HttpResponse<String> mistyped = call("DELETE", "/v1/organizations/demo-org/workspaces/ws-kept?dryrun=true", null);
        assertEquals(400, mistyped.statusCode(), mistyped.body());
        assertTrue(mistyped.body().contains("UNKNOWN_QUERY_PARAMETER") && mistyped.body().contains("dryRun"), mistyped.body());
        HttpResponse<String> dry = call("DELETE", "/v1/organizations/demo-org/workspaces/ws-kept?dryRun=true", null);
        assertEquals(200, dry.statusCode(), "the workspace is still there: " + dry.body());
    }

    @Test
    void withoutASecretsManagerEndpointCopiesAnswer503SayingSo() throws Exception {
        HttpResponse<String> response = call("POST", "/v1/organizations/demo-org/tokens",
                "{\"name\":\"ci\",\"scope\":\"ORGANIZATION\",\"role\":\"ORGANIZATION_MEMBER\",\"secretsManager\":{}}");
        assertEquals(503, response.statusCode());
        assertTrue(response.body().contains("AWS_ENDPOINT_URL_SECRETS_MANAGER"), response.body());
    }

    @Test
    void theRunnerPrintsItsTwoLinesAndStopsOnSigterm() throws Exception {
        Process runner = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalRunner.class.getName(), "--port", "0", "--rotation-sweep-seconds", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(runner.getInputStream()))) {
            String first = out.readLine();
            String second = out.readLine();
            assertTrue(first != null && first.startsWith("export LATCHKEY_API_TOKEN=lko_"), "first line is the export line");
            assertTrue(second != null && second.startsWith("Latchkey listening on http://127.0.0.1:"), "second line: " + second);
            runner.destroy();
            assertTrue(runner.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the runner must stop on SIGTERM, not hang");
        } finally {
            runner.destroyForcibly();
        }
    }

    @Test
    void onAnExternalDynamoDbTheRunnerCreatesItsTableThereAnswers503WhileItIsDownAndRecoversWithoutRestart() throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("latchkey-external");
        EmbeddedDynamoDb external = EmbeddedDynamoDb.start(0, data);
        LocalRunner.Running onExternal = LocalRunner.start(LocalRunner.options(0, "ext-org", external.endpoint()));
        try {
            assertNull(onExternal.dynamo(), "the runner started no DynamoDB of its own");
            String value = onExternal.ownerToken().value();
            String validate = "{\"token\":\"" + value + "\"}";
            assertEquals("VALID", field(call(onExternal, "POST", "/v1/validate", validate).body(), "code"));
            try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(external.endpoint())
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
                assertTrue(client.scan(r -> r.tableName("latchkey")).items().stream()
                                .anyMatch(item -> "ORG#ext-org".equals(item.get("pk").s())),
                        "the bootstrap organization is in the external table");
            }

            external.stop();
            HttpResponse<String> down = call(onExternal, "POST", "/v1/validate", validate);
            assertEquals(503, down.statusCode());
            assertTrue(down.body().contains("\"statusCode\":503") && down.body().contains("\"requestId\""), down.body());
            HttpResponse<String> managementDown = call(onExternal, "GET", "/v1/organizations/ext-org/tokens", null);
            assertEquals(503, managementDown.statusCode());
            // The backend failure is logged with the request's path; an encoded line break in it must not start a line.
            try (dev.latchkey.http.testing.LogCapture logs = dev.latchkey.http.testing.LogCapture.start()) {
                HttpResponse<String> crlf = call(onExternal, "GET",
                        "/v1/organizations/ext-org%0d%0aERROR%20dev.latchkey.Forged%20-%20forged/tokens", null);
                assertEquals(503, crlf.statusCode(), crlf.body());
                assertTrue(logs.lines().stream().noneMatch(l -> l.startsWith("ERROR dev.latchkey.Forged")), "a forged line: " + logs.lines());
                assertTrue(logs.lines().stream().anyMatch(l -> l.startsWith("WARN ") && l.contains("dev.latchkey.Forged")),
                        "the failure is logged on one line: " + logs.lines());
            }

            external = EmbeddedDynamoDb.start(external.port(), data);
            assertEquals("VALID", field(call(onExternal, "POST", "/v1/validate", validate).body(), "code"),
                    "the same runner works again once the table is back");
        } finally {
            onExternal.stop();
            external.stop();
        }
    }

    @Test
    void optionsParse() {
        RunnerOptions o = RunnerOptions.parse(new String[]{"--port", "9090", "--data-dir", "/tmp/x", "--organization-id", "acme",
                "--rotation-sweep-seconds", "5"});
        assertEquals(5, o.rotationSweepSeconds());
        assertEquals(60, RunnerOptions.parse(new String[0]).rotationSweepSeconds());
        assertEquals(9090, o.port());
        assertEquals("acme", o.organizationId());
        assertEquals("/tmp/x", o.dataDir().toString());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RunnerOptions.parse(new String[]{"--port", "x"}));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RunnerOptions.parse(new String[]{"--bogus"}));
        assertNull(o.dynamodbEndpoint());
        assertEquals(URI.create("http://127.0.0.1:8000"),
                RunnerOptions.parse(new String[]{"--dynamodb-endpoint", "http://127.0.0.1:8000"}).dynamodbEndpoint());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RunnerOptions.parse(new String[]{"--dynamodb-endpoint", "127.0.0.1:8000"}));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RunnerOptions.parse(new String[]{"--dynamodb-endpoint", "http://127.0.0.1:8000", "--dynamodb-port", "8001"}));
    }
}
