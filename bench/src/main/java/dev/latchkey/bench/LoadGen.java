package dev.latchkey.bench;

import dev.latchkey.store.dynamodb.ItemKeys;
import dev.latchkey.token.Pepper;
import dev.latchkey.token.TokenHasher;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load on the local runner, validate only: {@code POST /v1/validate} from C concurrent workers for a
 * fixed time, then one consistent GetItem of the same token's hash item straight to the runner's DynamoDB Local from
 * one SDK client at the same concurrency; prints requests/s, p50, p99 and errors of both and the throughput ratio.
 * Loopback only; every loop stops at the deadline or after {@code MAX_PER_WORKER} requests.
 *
 * <p>{@code bench/load.sh} starts the runner and runs this; by hand: {@code java -cp bench/target/benchmarks.jar
 * dev.latchkey.bench.LoadGen --url http://127.0.0.1:8080 --token lko_… --dynamodb http://127.0.0.1:8000
 * --pepper … [--seconds 10] [--concurrency 1,8,32]}.
 */
public final class LoadGen {

    private static final int MAX_PER_WORKER = 2_000_000;
    private static final int WARMUP_SECONDS = Integer.getInteger("latchkey.bench.warmup-seconds", 240);
    private static final int ROUNDS = Integer.getInteger("latchkey.bench.rounds", 3);

    private LoadGen() {
    }

    record Stats(String what, int concurrency, double seconds, long[] latenciesNanos, long errors) {
        double perSecond() {
            return latenciesNanos.length / seconds;
        }

        static Stats merge(List<Stats> parts) {
            long[] all = parts.stream().flatMapToLong(p -> Arrays.stream(p.latenciesNanos())).sorted().toArray();
            return new Stats(parts.get(0).what(), parts.get(0).concurrency(), parts.stream().mapToDouble(Stats::seconds).sum(), all,
                    parts.stream().mapToLong(Stats::errors).sum());
        }

        double percentileMs(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p / 100.0 * latenciesNanos.length) - 1);
            return latenciesNanos[Math.max(0, i)] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        // HttpURLConnection keeps 5 idle connections per host by default; both sides reuse one per worker instead.
        System.setProperty("http.maxConnections", "256");
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback-quiet.xml");
        }
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        URI base = loopback(URI.create(o.getOrDefault("--url", "http://127.0.0.1:8080")));
        URI dynamo = loopback(URI.create(required(o, "--dynamodb")));
        String token = required(o, "--token");
        String pepper = required(o, "--pepper");
        int seconds = Integer.parseInt(o.getOrDefault("--seconds", "10"));
        int[] levels = Arrays.stream(o.getOrDefault("--concurrency", "1,8,32").split(",")).mapToInt(Integer::parseInt).toArray();
        if (seconds < 1 || seconds > 300) {
            throw new IllegalArgumentException("--seconds must be 1..300");
        }

        Fixture.pointSdkAt(dynamo);
        String body = "{\"token\":\"" + token + "\"}";
        URL validateUrl = base.resolve("/v1/validate").toURL();
        // The key validate computes: the production hasher under the pepper (version 1, as the runner's local pepper is).
        String hashKey = TokenHasher.hashKey(new Pepper(1, pepper.getBytes(StandardCharsets.UTF_8)), token);
        GetItemRequest get = GetItemRequest.builder().tableName(o.getOrDefault("--table", "latchkey")).consistentRead(true)
                .key(ItemKeys.hash(hashKey)).build();

        // --getitem-only: the SDK-client floor alone (bench/load.sh drives validate with wrk and runs this per client).
        boolean getItemOnly = Boolean.parseBoolean(o.getOrDefault("--getitem-only", "false"));
        String httpClient = o.getOrDefault("--http-client", dev.latchkey.config.DynamoDbHttpClients.DEFAULT);
        try (DynamoDbClient client = Fixture.sdkClient(httpClient)) {
            if (!client.getItem(get).hasItem()) {
                throw new IllegalStateException("the token's hash item is not in the table: wrong pepper or table?");
            }
            // One long warm-up at the highest level first: the runner hosts DynamoDB Local, and on a small machine the
            // JIT keeps compiling Jetty, SQLite, SDK and Micronaut code for minutes of traffic; ratios taken before it
            // settles understate the runner.
            int top = Arrays.stream(levels).max().orElse(1);
            if (getItemOnly) {
                run("warm-up", top, Math.min(5, WARMUP_SECONDS), () -> client.getItem(get).hasItem());
                for (int c : levels) {
                    Stats g = run("GetItem", c, seconds, () -> client.getItem(get).hasItem());
                    System.out.println(String.format(Locale.ROOT, "sdk-getitem client=%s c=%d %.0f req/s p50 %.2f ms p99 %.2f ms errors %d",
                            httpClient, c, g.perSecond(), g.percentileMs(50), g.percentileMs(99), g.errors()));
                }
                return;
            }
            for (int left = WARMUP_SECONDS; left > 0; left -= 5) {
                run("warm-up", top, Math.min(5, left), () -> validate(validateUrl, body));
                run("warm-up", top, Math.min(5, left), () -> client.getItem(get).hasItem());
            }
            for (int c : levels) {
                // Alternate the two sides in ROUNDS short windows so that both see the same machine (the box is
                // shared; a build starting mid-run would otherwise land on one side only).
                List<Stats> vs = new ArrayList<>();
                List<Stats> gs = new ArrayList<>();
                StringBuilder perRound = new StringBuilder();
                for (int r = 0; r < ROUNDS; r++) {
                    Stats v = run("POST /v1/validate", c, seconds, () -> validate(validateUrl, body));
                    Stats g = run("GetItem", c, seconds, () -> client.getItem(get).hasItem());
                    vs.add(v);
                    gs.add(g);
                    perRound.append(String.format(Locale.ROOT, " %.2f", v.perSecond() / g.perSecond()));
                }
                Stats v = Stats.merge(vs);
                Stats g = Stats.merge(gs);
                for (Stats st : List.of(v, g)) {
                    System.out.println(String.format(Locale.ROOT, "%-18s c=%-3d %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d",
                            st.what(), st.concurrency(), st.perSecond(), st.percentileMs(50), st.percentileMs(99), st.errors()));
                }
                System.out.printf(Locale.ROOT, "%-18s c=%-3d validate/GetItem throughput %.2f (target >= 0.80; rounds:%s; load %s)%n",
                        "ratio", c, v.perSecond() / g.perSecond(), perRound, loadAverage());
                System.out.flush();
            }
        }
    }

    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /**
     * One {@code POST /v1/validate} on {@link HttpCall}: the JDK's {@code HttpURLConnection}, the HTTP stack under the
     * SDK's url-connection client that the GetItem side uses, so that both sides pay the same client cost (keep-alive,
     * blocking, no selector-thread hand-off as in {@code java.net.http.HttpClient}, whose extra hop would be counted
     * against the runner).
     */
    private static boolean validate(URL url, String body) {
        HttpCall.Reply reply = HttpCall.send(url, "POST", null, body, Map.of());
        return reply.status() == 200 && reply.body().contains("\"valid\":true");
    }

    static Stats run(String what, int concurrency, int seconds, Callable<Boolean> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(seconds).toNanos();
        try {
            List<Future<long[]>> workers = new ArrayList<>();
            long[] errors = new long[concurrency];
            for (int w = 0; w < concurrency; w++) {
                int id = w;
                workers.add(pool.submit(() -> {
                    long[] times = new long[1024];
                    int n = 0;
                    for (int i = 0; i < MAX_PER_WORKER && System.nanoTime() < deadline; i++) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = call.call();
                        } catch (Exception e) {
                            ok = false;
                        }
                        long t1 = System.nanoTime();
                        if (!ok) {
                            errors[id]++;
                            continue;
                        }
                        if (n == times.length) {
                            times = Arrays.copyOf(times, n * 2);
                        }
                        times[n++] = t1 - t0;
                    }
                    return Arrays.copyOf(times, n);
                }));
            }
            List<long[]> all = new ArrayList<>();
            for (Future<long[]> f : workers) {
                all.add(f.get());
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Stats(what, concurrency, elapsed, merged, Arrays.stream(errors).sum());
        } finally {
            pool.shutdownNow();
        }
    }

    static URI loopback(URI uri) {
        String host = uri.getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host) && !"[::1]".equals(host)) {
            throw new IllegalArgumentException("load is only sent to loopback addresses, not " + uri);
        }
        return uri;
    }

    static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }
}
