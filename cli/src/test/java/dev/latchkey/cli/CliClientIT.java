package dev.latchkey.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.latchkey.cli.StubApi.answer;
import static dev.latchkey.cli.StubApi.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/latchkey against scripted answers: retries, the 409 loop, 5xx, proxies, and what its process list shows. */
@Tag("subprocess")
@Execution(ExecutionMode.CONCURRENT)
class CliClientIT {
    static final String TOKEN = "lko_stubtokenvalue0123456789";
    static final String ORG = "LATCHKEY_ORGANIZATION_ID";
    static final String A_TOKEN = "{\"id\":\"c1\",\"name\":\"n\",\"roles\":[%s]}";
    static final String ROLE = "{\"entityType\":\"WORKSPACE\",\"entityId\":\"%s\",\"role\":\"WORKSPACE_MEMBER\"}";

    static Cli cli(StubApi stub) {
        return new Cli(stub.url(), TOKEN).with(ORG, "o1");
    }

    @Test
    void a429IsRetriedOnceAfterRetryAfterAndA503OnlyWhereRepeatingIsHarmless() throws Exception {
        try (StubApi stub = new StubApi((x, call) -> {
            if (call == 1) {
                answer(x, 429, error(429, "slow down"), "Retry-After", "1");
            } else {
                answer(x, 200, "{\"tokens\":[],\"totalCount\":0,\"offset\":0,\"limit\":20}");
            }
        })) {
            long start = System.nanoTime();
            Cli.Result r = cli(stub).run("tokens", "list").expect(0);
            assertTrue(System.nanoTime() - start >= 1_000_000_000L, "Retry-After was not waited for");
            assertTrue(r.err().contains("HTTP 429: retrying in 1 s"), r.err());
            assertEquals(2, stub.seen.size());
        }
        try (StubApi stub = new StubApi((x, call) -> answer(x, 503, error(503, "table unreachable"), "Retry-After", "0"))) {
            Cli.Result get = cli(stub).run("tokens", "get", "c1").expect(ExitCodes.UNAVAILABLE);
            assertTrue(get.err().contains("table unreachable") && get.err().contains("requestId: req-503"), get.err());
            assertEquals(2, stub.seen.size(), "a read is retried once");
            cli(stub).run("tokens", "rotate", "c1").expect(ExitCodes.UNAVAILABLE);
            assertEquals(3, stub.seen.size(), "a rotation is never repeated: a second one would kill the first one's value");
            cli(stub).run("tokens", "create", "--name", "x", "--role", "ORGANIZATION_MEMBER").expect(ExitCodes.UNAVAILABLE);
            assertEquals(4, stub.seen.size(), "a create without Idempotency-Key is never repeated");
        }
        try (StubApi stub = new StubApi((x, call) -> answer(x, 500, "<html>proxy trouble</html>"))) {
            Cli.Result r = cli(stub).run("whoami").expect(ExitCodes.UNAVAILABLE);
            assertTrue(r.err().contains("HTTP 500") && !r.err().contains("proxy trouble"), r.err());
        }
    }

    @Test
    void aRoleChangeMeetingA409IsRecomputedOnTheFreshSetAndSentAgain() throws Exception {
        try (StubApi stub = new StubApi((x, call) -> {
            switch (call) {
                case 1 -> answer(x, 200, A_TOKEN.formatted(ROLE.formatted("ws-a")));
                case 2 -> answer(x, 409, error(409, "The token was changed at the same time; retry"));
                // Meanwhile someone else added ws-b: the retry must keep it.
                case 3 -> answer(x, 200, A_TOKEN.formatted(ROLE.formatted("ws-a") + "," + ROLE.formatted("ws-b")));
                default -> answer(x, 200, "{\"workspaceRoles\":[]}");
            }
        })) {
            Cli.Result r = cli(stub).run("tokens", "roles", "c1", "--add", "WORKSPACE_OPERATOR@ws-c").expect(0);
            assertTrue(r.err().contains("409"), r.err());
            assertEquals(4, stub.seen.size());
            assertEquals("POST", stub.seen.get(3).method());
            String sent = stub.seen.get(3).body();
            assertTrue(sent.contains("ws-a") && sent.contains("ws-b") && sent.contains("\"entityId\":\"ws-c\",\"role\":\"WORKSPACE_OPERATOR\""), sent);
            assertFalse(stub.seen.get(1).body().contains("ws-b"));
        }
        try (StubApi stub = new StubApi((x, call) -> answer(x, call % 2 == 1 ? 200 : 409,
                call % 2 == 1 ? A_TOKEN.formatted("") : error(409, "again")))) {
            cli(stub).run("tokens", "roles", "c1", "--add", "WORKSPACE_MEMBER@ws-c").expect(ExitCodes.CONFLICT);
            assertEquals(2 * TokenCommands.Roles.ATTEMPTS, stub.seen.size(), "gives up after a bounded number of attempts");
        }
    }

    @Test
    void repeatedFiltersGoOnTheWireAsTheApiDocumentsThem() throws Exception {
        try (StubApi stub = new StubApi((x, call) -> answer(x, 200, "{\"tokens\":[],\"totalCount\":0,\"offset\":0,\"limit\":5}"))) {
            cli(stub).run("tokens", "list", "--dag-tag", "a b", "--dag-tag", "c", "--sort", "name:asc", "--sort", "createdAt:desc",
                    "--organization-only", "--limit", "5").expect(0);
            assertEquals("/v1/organizations/o1/tokens?includeOnlyOrganizationTokens=true&limit=5&dagTags=a+b&dagTags=c"
                    + "&sorts=name%3Aasc&sorts=createdAt%3Adesc", stub.seen.get(0).uri());
            assertEquals("Bearer " + TOKEN, stub.seen.get(0).authorization());
        }
    }

    @Test
    void allowedCidrsAndTheSourceIpGoOnTheWire() throws Exception {
        try (StubApi stub = new StubApi((x, call) -> answer(x, 200, x.getRequestURI().getPath().endsWith("validate")
                ? "{\"valid\":false,\"code\":\"IP_NOT_ALLOWED\",\"token\":{\"id\":\"c1\"}}"
                : String.format(A_TOKEN, "").replace("}", ",\"allowedCidrs\":[\"10.0.0.0/8\"]}")))) {
            cli(stub).run("tokens", "create", "--name", "n", "--role", "WORKSPACE_MEMBER", "--entity", "w",
                    "--allowed-cidr", "10.0.0.0/8", "--allowed-cidr", "2001:db8::/32").expect(0);
            assertTrue(stub.seen.get(0).body().contains("\"allowedCidrs\":[\"10.0.0.0/8\",\"2001:db8::/32\"]"), stub.seen.get(0).body());
            cli(stub).run("tokens", "update", "c1", "--no-allowed-cidrs").expect(0);
            assertTrue(stub.seen.get(2).body().contains("\"allowedCidrs\":[]"), stub.seen.get(2).body());
            cli(stub).run("tokens", "update", "c1", "--description", "d").expect(0);
            assertFalse(stub.seen.get(4).body().contains("allowedCidrs"), "no option keeps the binding: " + stub.seen.get(4).body());
            cli(stub).run("tokens", "update", "c1", "--no-allowed-cidrs", "--allowed-cidr", "10.0.0.0/8").expect(ExitCodes.USAGE);
            cli(stub).input(TOKEN + "\n", "validate", "--source-ip", "203.0.113.9").expect(ExitCodes.NOT_VALID);
            assertTrue(stub.seen.get(5).body().contains("\"sourceIp\":\"203.0.113.9\""), "the validate body names the source");
            cli(stub).run("policy", "set", "--require-allowed-cidrs").expect(0);
            assertEquals("{\"requireAllowedCidrs\":true}", stub.seen.get(6).body());
        }
    }

    @Test
    void theHygieneLimitsGoOnTheWire() throws Exception {
        try (StubApi stub = new StubApi((x, call) -> answer(x, 200, "{\"maxIdleDays\":90,\"expiryNoticeDays\":14}"))) {
            cli(stub).run("policy", "set", "--max-idle-days", "90", "--expiry-notice-days", "14").expect(0);
            assertEquals("{\"maxIdleDays\":90,\"expiryNoticeDays\":14}", stub.seen.get(0).body());
        }
    }

    @Test
    void theTokenIsInNoProcessArgumentsWhileACommandRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch arrived = new CountDownLatch(1);
        try (StubApi stub = new StubApi((x, call) -> {
            arrived.countDown();
            release.await(60, TimeUnit.SECONDS);
            answer(x, 200, "{\"id\":\"c1\",\"organizationId\":\"o1\"}");
        })) {
            Process p = cli(stub).start("whoami");
            assertTrue(arrived.await(60, TimeUnit.SECONDS), "the request never arrived");
            // The launcher exec's java, so the pid is the JVM's; nothing else of ours runs beside it.
            String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
            release.countDown();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertTrue(cmdline.contains("latchkey.jar") && cmdline.contains("whoami"), cmdline);
            assertFalse(cmdline.contains(TOKEN), cmdline);
            assertEquals(0, p.exitValue());
        }
    }

    @Test
    void proxiesFromTheEnvironmentAndNoProxy() throws Exception {
        try (StubApi api = new StubApi((x, call) -> answer(x, 200, "{\"id\":\"c1\",\"organizationId\":\"o1\"}"));
             StubApi proxy = new StubApi((x, call) -> answer(x, 200, "{\"id\":\"via-proxy\",\"organizationId\":\"o1\"}"))) {
            Cli viaProxy = cli(api).with("HTTP_PROXY", proxy.url());
            assertTrue(viaProxy.run("whoami").expect(0).out().contains("via-proxy"));
            assertEquals(api.url() + "/v1/whoami", proxy.seen.get(0).uri(), "an absolute URI: the request went to the proxy");
            assertTrue(viaProxy.with("NO_PROXY", "example.org,127.0.0.1").run("whoami").expect(0).out().contains("\"c1\""));
            assertEquals(1, proxy.seen.size());
        }
        // HTTPS goes through HTTPS_PROXY as a CONNECT tunnel; a proxy that refuses it is a connection failure.
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try (Socket s = socket.accept()) {
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                    s.getOutputStream().write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return line;
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            new Cli("https://api.example.test", TOKEN).with(ORG, "o1")
                    .with("HTTPS_PROXY", "http://127.0.0.1:" + socket.getLocalPort())
                    .run("whoami", "--timeout", "10").expect(ExitCodes.UNAVAILABLE);
            assertEquals("CONNECT api.example.test:443 HTTP/1.1", first.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void nothingListeningIsExit6() {
        new Cli("http://127.0.0.1:9", TOKEN).with(ORG, "o1").run("tokens", "list", "--timeout", "2").expect(ExitCodes.UNAVAILABLE);
    }
}
