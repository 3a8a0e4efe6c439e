package dev.latchkey.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import java.net.URI;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README walkthrough, over real HTTP against the runner (every call through the gateway into the template's
 * functions): register, create, validate, rotate, refuse, delete; the runner's process, options and external table.
 */
class LocalRunnerTest {

    static LocalRunner.Running runner;

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(LocalRunner.options(0, "demo-org"));
    }

    @AfterAll
    static void stop() {
        runner.stop();
    }

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        return RunnerClient.of(runner).call(method, path, body);
    }

    static HttpResponse<String> call(LocalRunner.Running on, String method, String path, String body) throws Exception {
        return RunnerClient.of(on).call(method, path, body);
    }

    static String field(String json, String name) {
        return RunnerClient.field(json, name);
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

    /** A token bound to networks: validate's sourceIp, and the authorizer's view of the client (here loopback). */
    @Test
    void aBoundTokenIsCheckedAgainstTheSourceThroughValidateAndTheAuthorizer() throws Exception {
        String loopback = "{\"name\":\"here\",\"scope\":\"ORGANIZATION\",\"role\":\"ORGANIZATION_MEMBER\","
                + "\"allowedCidrs\":[\"127.0.0.0/8\",\"::1\"]}";
        HttpResponse<String> here = call("POST", "/v1/organizations/demo-org/tokens", loopback);
        assertEquals(200, here.statusCode(), RunnerClient.describe(here));
        assertTrue(here.body().contains("\"allowedCidrs\":[\"127.0.0.0/8\",\"::1/128\"]"), "normalised in the answer");
        String value = field(here.body(), "token");
        String ask = "{\"token\":\"" + value + "\"";
        assertEquals("VALID", field(call("POST", "/v1/validate", ask + ",\"sourceIp\":\"127.0.0.1\"}").body(), "code"));
        assertEquals("IP_NOT_ALLOWED", field(call("POST", "/v1/validate", ask + ",\"sourceIp\":\"203.0.113.9\"}").body(), "code"));
        assertEquals("IP_NOT_ALLOWED", field(call("POST", "/v1/validate", ask + "}").body(), "code"));
        assertEquals(400, call("POST", "/v1/validate", ask + ",\"sourceIp\":\"localhost\"}").statusCode());

        RunnerClient client = RunnerClient.of(runner);
        assertEquals(501, client.callAs(value, "GET", "/v1/example/organizations/demo-org/protected", null).statusCode(),
                "from loopback, inside the binding: the authorizer lets it through");
        String elsewhere = field(call("POST", "/v1/organizations/demo-org/tokens",
                "{\"name\":\"there\",\"scope\":\"ORGANIZATION\",\"role\":\"ORGANIZATION_MEMBER\",\"allowedCidrs\":[\"203.0.113.0/24\"]}")
                .body(), "token");
        assertEquals(403, client.callAs(elsewhere, "GET", "/v1/example/organizations/demo-org/protected", null).statusCode());
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
    void aRouteTheTemplateDoesNotDeclareIsApiGatewaysNotFound() throws Exception {
        HttpResponse<String> unknown = call("GET", "/v1/nothing-here", null);
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", unknown.body());
        // The validate function has no GET /v1/validate either, but the gateway answers before any function is asked.
        assertEquals("{\"message\":\"Not Found\"}", call("GET", "/v1/validate", null).body());
        assertTrue(unknown.headers().firstValue("apigw-requestid").isPresent());
        assertEquals("{\"message\":\"Not Found\"}", call("GET", "/v1/nothing-here/", null).body(), "a trailing slash changes nothing");
    }

    @Test
    void theConsoleAnswersWithATrailingSlash() throws Exception {
        // The console's address as people type it: GET /console/{path+} with an empty rest, as HTTP APIs match it.
        HttpResponse<String> console = call("GET", "/console/", null);
        assertEquals(302, console.statusCode(), console.body());
        assertEquals("index.html", console.headers().firstValue("location").orElseThrow());
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
