package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/latchkey against a real local runner: every command, output format and exit code the runner can produce. */
@Tag("subprocess")
@Execution(ExecutionMode.CONCURRENT)   // each test makes its own tokens; a CLI start mostly waits, so overlap them
class CliAgainstRunnerIT {
    static final String ORGANIZATION_TOKENS = "the organization's token list";
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger NAMES = new AtomicInteger();
    static LocalApi api;
    static Cli cli;

    @BeforeAll
    static void start() {
        api = LocalApi.start();
        cli = new Cli(api.url(), api.ownerToken());
        cli.run("workspaces", "register", "ws-analytics").expect(0);
        cli.run("deployments", "register", "dep-etl", "--workspace", "ws-analytics").expect(0);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static JsonNode json(Cli.Result r) {
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.out(), e);
        }
    }

    /** A fresh workspace token; answers the create document (with its value). */
    static JsonNode workspaceToken(String... extra) {
        String[] args = new String[]{"tokens", "create", "--name", "t-" + NAMES.incrementAndGet(), "--role", "WORKSPACE_AUTHOR",
                "--entity", "ws-analytics", "-o", "json"};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return json(cli.run(all).expect(0));
    }

    @Test
    @ResourceLock(value = ORGANIZATION_TOKENS, mode = ResourceAccessMode.READ)
    void theReadmeFlowFromCreateToDeleteWithoutCurl() {
        JsonNode created = json(cli.run("tokens", "create", "--name", "ci-deployer", "--role", "WORKSPACE_AUTHOR",
                "--entity", "ws-analytics", "--expires-in-days", "90", "-o", "json").expect(0));
        String id = created.get("id").asText();
        String value = created.get("token").asText();
        assertEquals("WORKSPACE", created.get("scope").asText());

        // validate names a deployment and a permission: the CLI finds the organization with whoami and sends it.
        Cli.Result valid = cli.input(value + "\n", "validate", "--deployment", "dep-etl", "--permission", "deployment.deploy").expect(0);
        assertEquals("VALID", json(valid).get("code").asText());

        // The value-only pipe: the new value goes from one process to the next and nowhere else.
        Cli.Result piped = cli.shell("latchkey tokens rotate " + id + " --value-only | latchkey validate --workspace ws-analytics -o table").expect(0);
        assertTrue(piped.out().contains("VALID"), piped.out());
        assertFalse(piped.out().contains("lkw_") || piped.err().contains("lkw_"), "a value escaped the pipe");
        assertEquals("REVOKED", json(cli.input(value + "\n", "validate").expect(ExitCodes.NOT_VALID)).get("code").asText());

        Cli.Result listed = cli.run("tokens", "list", "--workspace", "ws-analytics", "-o", "jsonl").expect(0);
        assertTrue(listed.out().lines().anyMatch(l -> l.contains("\"id\":\"" + id + "\"")), listed.out());
        assertFalse(listed.out().contains("\"token\""), "a list never carries a value");
        Cli.Result shown = cli.run("tokens", "get", id, "-o", "table").expect(0);
        assertTrue(shown.out().contains("ci-deployer") && shown.out().contains("WORKSPACE_AUTHOR@ws-analytics"), shown.out());

        Cli.Result refused = cli.run("tokens", "delete", id).expect(ExitCodes.USAGE);
        assertTrue(refused.err().contains("--yes"), refused.err());
        cli.run("tokens", "get", id).expect(0);
        cli.run("tokens", "delete", id, "--yes").expect(0);
        cli.run("tokens", "get", id).expect(ExitCodes.NOT_FOUND);
    }

    @Test
    @ResourceLock(value = ORGANIZATION_TOKENS, mode = ResourceAccessMode.READ)
    void deleteOnATerminalAsksForTheTokensName() {
        String id = workspaceToken().get("id").asText();
        String name = json(cli.run("tokens", "get", id)).get("name").asText();
        // script(1) gives the launcher a pseudo-terminal as standard input, as an interactive shell would.
        Cli.Result wrong = cli.shell("printf 'not-it\\n' | script -qec \"" + Cli.LAUNCHER + " tokens delete " + id + "\" /dev/null");
        assertNotEquals(0, wrong.exit(), wrong.out());
        cli.run("tokens", "get", id).expect(0);
        cli.shell("printf '" + name + "\\n' | script -qec \"" + Cli.LAUNCHER + " tokens delete " + id + "\" /dev/null").expect(0);
        cli.run("tokens", "get", id).expect(ExitCodes.NOT_FOUND);
    }

    @Test
    @ResourceLock(value = ORGANIZATION_TOKENS, mode = ResourceAccessMode.READ)
    void everyOutputFormat() {
        JsonNode me = json(cli.run("whoami", "-o", "json").expect(0));
        assertEquals(LocalApi.ORGANIZATION, me.get("organizationId").asText());
        Cli.Result jsonl = cli.run("whoami", "-o", "jsonl").expect(0);
        assertEquals(1, jsonl.out().lines().count());
        assertTrue(cli.run("whoami", "-o", "table").expect(0).out().lines().anyMatch(l -> l.matches("organization: +demo-org")));
        Cli.Result table = cli.run("tokens", "list", "-o", "table", "--limit", "5").expect(0);
        assertTrue(table.out().startsWith("ID "), table.out());
        // Not a terminal and no -o: JSON, for scripts.
        assertEquals(LocalApi.ORGANIZATION, json(cli.run("whoami").expect(0)).get("organizationId").asText());

        String id = workspaceToken().get("id").asText();
        Cli.Result quiet = cli.run("tokens", "update", id, "--description", "quietly", "--quiet").expect(0);
        assertEquals("", quiet.out() + quiet.err());
        assertEquals("quietly", json(cli.run("tokens", "get", id)).get("description").asText());
    }

    // Counts the organization's tokens across pages: no other test may add one meanwhile (they all take the lock
    // for reading, this one for writing).
    @Test
    @ResourceLock(value = ORGANIZATION_TOKENS, mode = ResourceAccessMode.READ_WRITE)
    void listFiltersAndPagingThroughEverything() {
        for (int i = 0; i < 3; i++) {
            cli.run("tokens", "create", "--name", "org-" + i, "--role", "ORGANIZATION_MEMBER", "--quiet", "--value-only").expect(0);
        }
        JsonNode one = json(cli.run("tokens", "list", "--organization-only", "--limit", "1").expect(0));
        int total = one.get("totalCount").asInt();
        assertTrue(total >= 4 && one.get("tokens").size() == 1, one.toString());
        JsonNode all = json(cli.run("tokens", "list", "--organization-only", "--all", "--limit", "2").expect(0));
        assertEquals(total, all.get("tokens").size());
        assertEquals(total, all.get("totalCount").asInt());
        // Every filter at once: only documented parameters are sent, or the API would answer 400.
        cli.run("tokens", "list", "--workspace", "ws-analytics", "--deployment", "dep-etl", "--dag", "nightly",
                "--dag-tag", "a", "--dag-tag", "b", "--sort", "name:asc", "--sort", "createdAt:desc",
                "--kind", "STANDARD", "--offset", "1", "--limit", "5").expect(0);
    }

    @Test
    @ResourceLock(value = ORGANIZATION_TOKENS, mode = ResourceAccessMode.READ)
    void createOptions() {
        JsonNode first = workspaceToken("--description", "keyed", "--idempotency-key", "key-1");
        JsonNode again = json(cli.run("tokens", "create", "--name", first.get("name").asText(), "--role", "WORKSPACE_AUTHOR",
                "--entity", "ws-analytics", "--description", "keyed", "--idempotency-key", "key-1").expect(0));
        assertEquals(first.get("id"), again.get("id"));
        assertEquals("keyed", first.get("description").asText());

        String direct = cli.run("tokens", "create", "--name", "edge", "--role", "ORGANIZATION_MEMBER", "--direct-access",
                "--expires-in-days", "7", "--value-only").expect(0).line();
        assertTrue(direct.startsWith("eyJ") && !direct.contains("\n"), direct);

        // The runner has no Secrets Manager: 503, the message says why.
        Cli.Result secret = cli.run("tokens", "create", "--name", "copied", "--role", "ORGANIZATION_MEMBER", "--secret",
                "--rotate-every-days", "30", "--grace-seconds", "60").expect(ExitCodes.UNAVAILABLE);
        assertTrue(secret.err().contains("Secrets Manager") && secret.err().contains("requestId:"), secret.err());
        assertEquals("", secret.out());
    }

    @Test
    @ResourceLock(value = ORGANIZATION_TOKENS, mode = ResourceAccessMode.READ)
    void updateAndRoleChanges() {
        cli.run("workspaces", "register", "ws-b", "-q").expect(0);
        String id = json(cli.run("tokens", "create", "--name", "roles", "--role", "ORGANIZATION_MEMBER").expect(0)).get("id").asText();
        JsonNode updated = json(cli.run("tokens", "update", id, "--name", "renamed", "--description", "d").expect(0));
        assertEquals("renamed", updated.get("name").asText());

        cli.run("tokens", "roles", id, "--add", "WORKSPACE_MEMBER@ws-b").expect(0);
        assertEquals("ORGANIZATION_MEMBER@demo-org,WORKSPACE_MEMBER@ws-b", roles(id));
        cli.run("tokens", "roles", id, "--add", "DAG_VIEWER@dep-etl/dag:nightly", "--remove", "WORKSPACE_MEMBER@ws-b").expect(0);
        assertEquals("ORGANIZATION_MEMBER@demo-org,DAG_VIEWER@dep-etl/dag:nightly", roles(id));
        cli.run("tokens", "roles", id, "--set", "ORGANIZATION_MEMBER@demo-org", "WORKSPACE_ACCESSOR@ws-analytics").expect(0);
        assertEquals("ORGANIZATION_MEMBER@demo-org,WORKSPACE_ACCESSOR@ws-analytics", roles(id));
        cli.run("tokens", "roles", id, "--add", "nonsense").expect(ExitCodes.USAGE);
    }

    static String roles(String id) {
        StringBuilder s = new StringBuilder();
        json(cli.run("tokens", "get", id).expect(0)).get("roles").forEach(r -> s.append(s.length() == 0 ? "" : ",")
                .append(RoleSpec.of(r)));
        return s.toString();
    }

    @Test
    @ResourceLock(value = ORGANIZATION_TOKENS, mode = ResourceAccessMode.READ)
    void exitCodesForEachKindOfApiError() {
        cli.with("LATCHKEY_API_TOKEN", "lko_notarealtoken").run("whoami").expect(ExitCodes.NOT_ALLOWED);
        String member = cli.run("tokens", "create", "--name", "member", "--role", "ORGANIZATION_MEMBER", "--value-only").expect(0).line();
        cli.with("LATCHKEY_API_TOKEN", member).run("workspaces", "register", "ws-nope").expect(ExitCodes.NOT_ALLOWED);
        cli.run("tokens", "get", "c0000000000000000000000000").expect(ExitCodes.NOT_FOUND);
        cli.run("workspaces", "register", "ws-other", "-q").expect(0);
        Cli.Result conflict = cli.run("deployments", "register", "dep-etl", "--workspace", "ws-other").expect(ExitCodes.CONFLICT);
        assertTrue(conflict.err().contains("already registered"), conflict.err());
        Cli.Result bad = cli.run("tokens", "create", "--name", "x", "--role", "WORKSPACE_AUTHOR", "--entity", "ws-analytics",
                "--expires-in-days", "0").expect(ExitCodes.API_ERROR);
        assertTrue(bad.err().contains("(HTTP 400)") && bad.err().contains("tokenExpiryPeriodInDays") && bad.err().contains("requestId:"), bad.err());
        cli.run("tokens", "list", "--no-such-flag").expect(ExitCodes.USAGE);
        cli.with("LATCHKEY_API_TOKEN", null).run("whoami").expect(ExitCodes.USAGE);
    }

    @Test
    @ResourceLock(value = ORGANIZATION_TOKENS, mode = ResourceAccessMode.READ)
    void entitiesPolicyAuditAndLeakReports(@TempDir Path dir) throws IOException {
        cli.run("workspaces", "register", "ws-tmp", "-q").expect(0);
        cli.run("deployments", "register", "dep-tmp", "--workspace", "ws-tmp", "-q").expect(0);
        String id = json(cli.run("tokens", "create", "--name", "tmp", "--role", "DEPLOYMENT_ADMIN", "--entity", "dep-tmp")
                .expect(0)).get("id").asText();
        JsonNode listed = json(cli.run("workspaces", "list", "--workspace", "ws-tmp", "-o", "json").expect(0));
        assertEquals("ws-tmp", listed.get("workspaces").get(0).get("id").asText(), listed.toString());
        assertEquals(1, listed.get("totalCount").asInt(), listed.toString());
        String deployments = cli.run("deployments", "list", "--workspace", "ws-tmp", "--all", "-o", "jsonl").expect(0).out();
        assertTrue(deployments.strip().lines().count() == 1 && deployments.contains("\"dep-tmp\""), deployments);
        assertTrue(cli.run("deployments", "list", "--deployment", "dep-tmp", "-o", "table").expect(0).out().contains("ws-tmp"));
        JsonNode preview = json(cli.run("workspaces", "remove", "ws-tmp", "--dry-run").expect(0));
        assertTrue(preview.get("dryRun").asBoolean() && preview.toString().contains(id), preview.toString());
        cli.run("tokens", "get", id).expect(0);
        cli.run("deployments", "remove", "dep-tmp").expect(0);
        cli.run("tokens", "get", id).expect(ExitCodes.NOT_FOUND);
        cli.run("workspaces", "remove", "ws-tmp", "-q").expect(0);

        JsonNode policy = json(cli.run("policy", "set", "--max-expiry-days", "365", "--max-grace-seconds", "3600").expect(0));
        assertEquals(365, policy.get("maxExpiryDays").asInt());
        assertEquals(3600, json(cli.run("policy", "get").expect(0)).get("maxGracePeriodSeconds").asInt());
        cli.run("policy", "set", "-q").expect(0);

        // A fixed end, so that events other tests write meanwhile fall outside both exports.
        String to = java.time.Instant.now().toString();
        JsonNode audit = json(cli.run("audit", "export", "--from", "2020-01-01T00:00:00Z", "--to", to).expect(0));
        assertTrue(audit.get("events").size() > 5, audit.toString());
        Path file = dir.resolve("audit.jsonl");
        cli.run("audit", "export", "--from", "2020-01-01T00:00:00Z", "--to", to, "--format", "jsonl",
                "--output", file.toString()).expect(0);
        assertEquals(audit.get("events").size(), Files.readAllLines(file).size());

        String leaked = workspaceToken().get("token").asText();
        Path report = Files.writeString(dir.resolve("leaks.txt"), "# found in a log\n" + leaked + "\nlkw_forged0000000000\n");
        assertEquals(2, json(cli.with("LATCHKEY_API_TOKEN", null).run("leaks", "report", report.toString()).expect(0)).get("received").asInt());
        cli.input(leaked + "\n", "validate").expect(ExitCodes.NOT_VALID);
    }

    @Test
    @ResourceLock(value = ORGANIZATION_TOKENS, mode = ResourceAccessMode.READ)
    void configurationPrecedenceFlagThenEnvironmentThenProfile(@TempDir Path home) throws IOException {
        Files.createDirectories(home.resolve("latchkey"));
        Files.writeString(home.resolve("latchkey/local.properties"), "api-url=" + api.url() + "\norganization-id=demo-org\n");
        Cli profiled = cli.with("LATCHKEY_API_URL", null).with("XDG_CONFIG_HOME", home.toString());
        profiled.run("tokens", "list", "--profile", "local", "--limit", "0").expect(0);
        profiled.with("LATCHKEY_PROFILE", "local").run("tokens", "list", "--limit", "0").expect(0);
        // The environment beats the profile (nothing listens on port 9), and a flag beats the environment.
        Cli env = profiled.with("LATCHKEY_API_URL", "http://127.0.0.1:9");
        env.run("tokens", "list", "--profile", "local", "--timeout", "2").expect(ExitCodes.UNAVAILABLE);
        env.run("tokens", "list", "--profile", "local", "--api-url", api.url(), "--limit", "0").expect(0);
        env.with("LATCHKEY_ORGANIZATION_ID", "other-org").run("tokens", "list", "--api-url", api.url()).expect(ExitCodes.NOT_FOUND);

        Files.writeString(home.resolve("latchkey/bad.properties"), "api-url=" + api.url() + "\ntoken=lko_nope\n");
        assertTrue(profiled.run("whoami", "--profile", "bad").expect(ExitCodes.USAGE).err().contains("never a token"));
        profiled.run("whoami", "--profile", "missing").expect(ExitCodes.USAGE);
    }

    @Test
    @ResourceLock(value = ORGANIZATION_TOKENS, mode = ResourceAccessMode.READ)
    void theTokenIsNeverAnArgument() {
        String value = api.ownerToken();
        for (String flag : new String[]{"--token", "--api-token"}) {
            Cli.Result r = cli.run("whoami", flag, value).expect(ExitCodes.USAGE);
            assertFalse(r.out().contains(value) || r.err().contains(value), r.err());
        }
        Cli.Result stray = cli.run("whoami", value).expect(ExitCodes.USAGE);
        assertFalse(stray.err().contains(value), stray.err());
        Cli.Result stdin = cli.with("LATCHKEY_API_TOKEN", null).input(value + "\n", "whoami", "--token-stdin").expect(0);
        assertEquals(LocalApi.ORGANIZATION, json(stdin).get("organizationId").asText());
    }

    @Test
    @ResourceLock(value = ORGANIZATION_TOKENS, mode = ResourceAccessMode.READ)
    void plainHttpToAnotherHostIsRefused() {
        Cli.Result refused = cli.run("whoami", "--api-url", "http://api.example.com").expect(ExitCodes.USAGE);
        assertTrue(refused.err().contains("refusing plain http"), refused.err());
        // With --insecure-http it does try: 192.0.2.1 is TEST-NET, where nothing answers.
        cli.run("whoami", "--api-url", "http://192.0.2.1", "--insecure-http", "--timeout", "1").expect(ExitCodes.UNAVAILABLE);
        cli.run("whoami", "--api-url", "http://localhost:" + api.url().replaceAll(".*:", "")).expect(0);
    }

    @Test
    @ResourceLock(value = ORGANIZATION_TOKENS, mode = ResourceAccessMode.READ)
    void helpAndCompletion() throws IOException {
        Cli.Result help = cli.run("help", "tokens", "create").expect(0);
        assertTrue(help.out().contains("--idempotency-key") && help.out().contains("Exit status:")
                && help.out().contains("LATCHKEY_API_TOKEN"), help.out());
        Path completion = Cli.ROOT.resolve("cli/target/completion");
        assertTrue(Files.readString(completion.resolve("latchkey.bash")).contains("rotate"));
        assertTrue(Files.readString(completion.resolve("_latchkey")).startsWith("#compdef latchkey"));
        assertTrue(cli.run("completion", "bash").expect(0).out().contains("complete -F"));
        assertTrue(cli.run("--version").expect(0).out().startsWith("latchkey "));
    }
}
