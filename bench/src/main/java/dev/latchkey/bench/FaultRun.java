package dev.latchkey.bench;

import dev.latchkey.config.LatchkeyConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Faults under load: DynamoDB Local in a process of its own ({@link DynamoDbLocalMain}, a data
 * directory), the local runner pointed at it ({@code --dynamodb-endpoint}), and {@link MixedTraffic} running. After a
 * warm-up and a steady phase the backend is killed (SIGKILL; or, with {@code --fault freeze}, paused with SIGSTOP so
 * that it hangs instead of refusing), left down, then started again on the same port and data directory (or resumed)
 * while traffic goes on. Beside the C mixed workers, {@code --management-workers} (default 1) do nothing but create and
 * rotate, so that management requests are in flight when the fault hits. {@link FaultReport} judges the phases; afterwards every worker settles what it did not get an
 * answer for, and {@link NoLostUpdates} and {@link TableConsistency} check that no token is half-changed. The runner's
 * log is scanned for token values. Exits 1 if anything failed.
 *
 * <p>{@code bench/fault.sh} runs it; by hand: {@code java -cp bench/target/benchmarks.jar dev.latchkey.bench.FaultRun
 * --runner-jar infra/local/target/latchkey-local.jar [--fault kill|freeze] [--concurrency 8] [--warmup-seconds 10]
 * [--steady-seconds 15] [--down-seconds 15] [--recovery-seconds 20] [--management-workers 1] [--port 19490] [--dynamodb-port 19491]
 * [--api-call-timeout-ms 5000] [--attempt-timeout-ms 2000] [--connect-timeout-ms 500] [--margin-ms 1000]}; the three
 * limits are handed to the runner, and default to LatchkeyConfiguration's.
 */
public final class FaultRun {

    private static final String ORGANIZATION = "fault-org";
    private static final String PEPPER = "fault-pepper-0123456789-abcdefghijklmnopqrstuvwxyz";
    private static final Duration RUNNER_START_TIMEOUT = Duration.ofSeconds(90);
    /**
     * How long before a kill an acknowledged change may still be lost by the backend. DynamoDB Local lost the last
     * TransactWriteItems it had acknowledged before a SIGKILL in 2 of 5 probes (never a PutItem, never on SIGTERM).
     */
    private static final Duration CRASH_LOSS_WINDOW = Duration.ofSeconds(2);

    private FaultRun() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("http.maxConnections", "256");
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback-quiet.xml");
        }
        Map<String, String> o = MixedLoad.options(args);
        Path runnerJar = Path.of(LoadGen.required(o, "--runner-jar"));
        String fault = o.getOrDefault("--fault", "kill");
        if (!fault.equals("kill") && !fault.equals("freeze")) {
            throw new IllegalArgumentException("--fault is kill or freeze, not " + fault);
        }
        boolean freeze = fault.equals("freeze");
        int concurrency = Integer.parseInt(o.getOrDefault("--concurrency", "8"));
        int port = Integer.parseInt(o.getOrDefault("--port", "19490"));
        int dynamodbPort = Integer.parseInt(o.getOrDefault("--dynamodb-port", "19491"));
        LatchkeyConfiguration defaults = new LatchkeyConfiguration();
        long apiCallMs = Long.parseLong(o.getOrDefault("--api-call-timeout-ms", Long.toString(defaults.getDynamodbApiCallTimeout().toMillis())));
        long attemptMs = Long.parseLong(o.getOrDefault("--attempt-timeout-ms", Long.toString(defaults.getDynamodbAttemptTimeout().toMillis())));
        long connectMs = Long.parseLong(o.getOrDefault("--connect-timeout-ms", Long.toString(defaults.getDynamodbConnectTimeout().toMillis())));
        Duration bound = Duration.ofMillis(apiCallMs + Long.parseLong(o.getOrDefault("--margin-ms", "1000")));
        Path work = Files.createTempDirectory("latchkey-fault");
        Path data = work.resolve("dynamodb-data");
        URI endpoint = URI.create("http://127.0.0.1:" + dynamodbPort);

        System.out.printf(Locale.ROOT, "# fault %s, c=%d mixed + %s management-only; runner SDK limits: api-call %d ms, attempt %d ms, connect %d ms, %d attempts; bound %d ms; "
                        + "%d cores; load average %s; logs in %s (removed if all passes)%n", freeze ? "freeze (SIGSTOP/SIGCONT)" : "kill (SIGKILL, restart)",
                concurrency, o.getOrDefault("--management-workers", "1"), apiCallMs, attemptMs, connectMs, defaults.getDynamodbMaxAttempts(), bound.toMillis(),
                Runtime.getRuntime().availableProcessors(), LoadGen.loadAverage(), work);
        BackendProcess backend = new BackendProcess(dynamodbPort, data, work);
        ChildJvm runner = null;
        List<String> failed;
        try {
            backend.start();
            runner = ChildJvm.start(List.of("-jar", runnerJar.toString(), "--port", Integer.toString(port),
                            "--dynamodb-endpoint", endpoint.toString(), "--organization-id", ORGANIZATION, "--rotation-sweep-seconds", "0"),
                    Map.of("LATCHKEY_PEPPER", PEPPER,
                            "LATCHKEY_DYNAMODB_API_CALL_TIMEOUT", apiCallMs + "ms",
                            "LATCHKEY_DYNAMODB_ATTEMPT_TIMEOUT", attemptMs + "ms",
                            "LATCHKEY_DYNAMODB_CONNECT_TIMEOUT", connectMs + "ms"),
                    work.resolve("runner"));
            if (runner.awaitLine("Latchkey listening", RUNNER_START_TIMEOUT).isEmpty()) {
                throw new IllegalStateException("the runner did not start; see " + runner.stderr());
            }
            String owner = runner.awaitLine("export LATCHKEY_API_TOKEN=", Duration.ofSeconds(1)).orElseThrow()
                    .substring("export LATCHKEY_API_TOKEN=".length());
            LatchkeyApi api = new LatchkeyApi(URI.create("http://127.0.0.1:" + port), ORGANIZATION, owner);
            failed = run(o, api, backend, freeze, concurrency, bound, endpoint, runner);
        } finally {
            if (runner != null) {
                runner.stop();
            }
            backend.close();
        }
        if (failed.isEmpty()) {
            // The runner's log alone reaches hundreds of MB during a kill (a stack trace per 503): keep it only to debug.
            deleteRecursively(work);
        } else {
            System.out.println("logs kept in " + work);
        }
        System.out.println(failed.isEmpty() ? "PASS: fault under load" : "FAIL: " + failed);
        System.out.flush();
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    private static List<String> run(Map<String, String> o, LatchkeyApi api, BackendProcess backend, boolean freeze,
                                    int concurrency, Duration bound, URI endpoint, ChildJvm runner) throws Exception {
        MixedTraffic traffic = new MixedTraffic(api, UUID.randomUUID().toString().substring(0, 8) + "-fault", concurrency,
                Integer.parseInt(o.getOrDefault("--validates-per-op", "100")),
                Integer.parseInt(o.getOrDefault("--management-workers", "1")));
        traffic.setUp();
        long startAt = System.nanoTime();
        traffic.start();
        sleepSeconds(o, "--warmup-seconds", 10);
        long steadyAt = System.nanoTime();
        sleepSeconds(o, "--steady-seconds", 15);
        long faultAt = System.nanoTime();
        if (freeze) {
            backend.pause();
        } else {
            backend.kill();
        }
        sleepSeconds(o, "--down-seconds", 15);
        if (freeze) {
            backend.resume();
        } else {
            backend.start();
        }
        long backAt = System.nanoTime();
        System.out.printf(Locale.ROOT, "# backend %s after %.1f s (load average %s)%n", freeze ? "resumed" : "restarted and ready",
                (backAt - faultAt) / 1e9, LoadGen.loadAverage());
        sleepSeconds(o, "--recovery-seconds", 20);
        long stopAt = System.nanoTime();
        List<Call> calls = traffic.stop();

        FaultReport report = new FaultReport(new FaultTimeline(startAt, steadyAt, faultAt, backAt, stopAt), calls, bound);
        report.printPhases(concurrency);
        report.printSlowest(8);
        report.judge();
        List<String> unsettled = traffic.settle(20, 500);
        report.require(unsettled.isEmpty(), "afterwards: every operation without an answer settled (" + unsettled.size() + " not)");
        // Only a killed backend can lose what it acknowledged; a paused one answers late but loses nothing.
        NoLostUpdates.CrashWindow crash = freeze ? NoLostUpdates.CrashWindow.NONE
                : new NoLostUpdates.CrashWindow(faultAt - CRASH_LOSS_WINDOW.toNanos(), backAt);
        NoLostUpdates.Report values = NoLostUpdates.check(api, traffic.workers(), crash);
        System.out.println("values: " + values);
        if (!values.undoneByBackend().isEmpty()) {
            System.out.println("NOTE the killed backend lost " + values.undoneByBackend().size() + " change(s) it had acknowledged;"
                    + " each token is whole, exactly as before that change (DynamoDB Local on SIGKILL; see docs/benchmarks.md)");
        }
        report.require(values.holds(), "afterwards: each worker's latest values VALID (or undone whole by the killed backend), "
                + "replaced ones refused, list exact");
        Fixture.pointSdkAt(endpoint);
        try (DynamoDbClient client = Fixture.sdkClient()) {
            TableConsistency.Report table = TableConsistency.check(client, "latchkey");
            System.out.println("table:  " + table);
            report.require(table.consistent(), "afterwards: no token half-changed (exactly one LIVE hash item each, no orphan)");
        }
        LogScan log = LogScan.of(runner.stdout(), runner.stderr());
        System.out.printf(Locale.ROOT, "runner log: %d lines, %.1f MB%n", log.lines(), log.bytes() / 1e6);
        report.require(log.linesWithTokenValue() == 0, "runner log: no token value (" + log.linesWithTokenValue() + " lines)");
        return report.failed();
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void sleepSeconds(Map<String, String> o, String option, int defaultSeconds) throws InterruptedException {
        Thread.sleep(Duration.ofSeconds(Long.parseLong(o.getOrDefault(option, Integer.toString(defaultSeconds)))).toMillis());
    }
}
