package dev.latchkey.bench;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mixed traffic on the local runner (validates with creates and rotations among them): for each concurrency C, C workers each send 100
 * {@code POST /v1/validate} then one create or rotation (alternately) for a fixed time; figures for validate and for
 * management separately. Then the checks that nothing was lost: {@link NoLostUpdates} over HTTP and
 * {@link TableConsistency} on the runner's DynamoDB Local. Exits 1 when any request failed or any check did.
 *
 * <p>{@code bench/mixed.sh} starts a runner and runs this; by hand: {@code java -cp bench/target/benchmarks.jar
 * dev.latchkey.bench.MixedLoad --url http://127.0.0.1:8080 --dynamodb http://127.0.0.1:8000
 * [--organization-id demo-org] [--table latchkey] [--seconds 30] [--warmup-seconds 30] [--concurrency 8,32]
 * [--validates-per-op 100]} with the owner token in {@code LATCHKEY_API_TOKEN}. Every token it makes stays in the organization, so run it on a fresh runner: the list
 * check expects exactly the tokens of this run and the owner's.
 */
public final class MixedLoad {

    private MixedLoad() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("http.maxConnections", "256");
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback-quiet.xml");
        }
        Map<String, String> o = options(args);
        URI base = URI.create(o.getOrDefault("--url", "http://127.0.0.1:8080"));
        URI dynamo = URI.create(LoadGen.required(o, "--dynamodb"));
        LoadGen.loopback(base);
        LoadGen.loopback(dynamo);
        LatchkeyApi api = new LatchkeyApi(base, o.getOrDefault("--organization-id", "demo-org"), ownerToken(o));
        int seconds = Integer.parseInt(o.getOrDefault("--seconds", "30"));
        int warmup = Integer.parseInt(o.getOrDefault("--warmup-seconds", "30"));
        int perOp = Integer.parseInt(o.getOrDefault("--validates-per-op", "100"));
        int[] levels = Arrays.stream(o.getOrDefault("--concurrency", "8,32").split(",")).mapToInt(Integer::parseInt).toArray();
        String table = o.getOrDefault("--table", "latchkey");
        String run = UUID.randomUUID().toString().substring(0, 8);

        List<MixedWorker> everyWorker = new ArrayList<>();
        long failures = 0;
        int top = Arrays.stream(levels).max().orElse(1);
        if (warmup > 0) {
            MixedTraffic warm = new MixedTraffic(api, run + "-warm", top, perOp);
            warm.setUp();
            List<Call> calls = warm.runFor(Duration.ofSeconds(warmup));
            everyWorker.addAll(warm.workers());
            failures += calls.stream().filter(c -> !c.succeeded()).count();
            System.out.printf("# warm-up c=%d %d s: %d requests, %d failed; load average %s%n", top, warmup, calls.size(),
                    calls.stream().filter(c -> !c.succeeded()).count(), LoadGen.loadAverage());
        }
        for (int c : levels) {
            MixedTraffic traffic = new MixedTraffic(api, run + "-c" + c, c, perOp);
            traffic.setUp();
            long start = System.nanoTime();
            List<Call> calls = traffic.runFor(Duration.ofSeconds(seconds));
            double elapsed = (System.nanoTime() - start) / 1e9;
            everyWorker.addAll(traffic.workers());
            CallSummary validate = CallSummary.of("validate", calls, call -> call.op() == Call.Op.VALIDATE, elapsed);
            CallSummary management = CallSummary.of("management", calls, call -> call.op().management(), elapsed);
            CallSummary create = CallSummary.of("  create", calls, call -> call.op() == Call.Op.CREATE, elapsed);
            CallSummary rotate = CallSummary.of("  rotate", calls, call -> call.op() == Call.Op.ROTATE, elapsed);
            for (CallSummary s : List.of(validate, management, create, rotate)) {
                System.out.println(s.line(c));
            }
            System.out.printf("%-11s c=%-3d %.1f s, %d validates per management op; load average %s%n", "", c, elapsed,
                    perOp, LoadGen.loadAverage());
            System.out.flush();
            failures += validate.failures() + management.failures();
        }

        NoLostUpdates.Report values = NoLostUpdates.check(api, everyWorker);
        System.out.println("values: " + values);
        Fixture.pointSdkAt(dynamo);
        TableConsistency.Report tableReport;
        try (DynamoDbClient client = Fixture.sdkClient()) {
            tableReport = TableConsistency.check(client, table);
        }
        System.out.println("table:  " + tableReport);
        boolean ok = failures == 0 && values.holds() && tableReport.consistent();
        System.out.println(ok ? "PASS: 0 errors, no lost update, one LIVE hash item per token"
                : "FAIL: " + failures + " failed requests; values " + (values.holds() ? "ok" : "NOT ok") + "; table "
                + (tableReport.consistent() ? "ok" : "NOT ok"));
        System.out.flush();
        System.exit(ok ? 0 : 1);
    }

    /** {@code LATCHKEY_API_TOKEN} (what the runner prints), so that the value stays out of the process list; or {@code --token}. */
    static String ownerToken(Map<String, String> o) {
        String env = System.getenv("LATCHKEY_API_TOKEN");
        return env != null && !env.isBlank() ? env : LoadGen.required(o, "--token");
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        return o;
    }
}
