package dev.latchkey.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link ValidateBenchmarks} (sample mode, µs/op) against one DynamoDB Local started and seeded in this JVM, each
 * benchmark in its own forked JVM pointed at it, then prints each median and the ratios (b)/(a) and (c)/(a).
 *
 * <p>Any JMH command-line option overrides the defaults (for example {@code -f 2 -wi 10 -i 10}, or a regular
 * expression to run a subset). Defaults: 1 fork, 10 warm-up and 5 measurement iterations of 2 s, 1 thread.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        // This JVM only hosts DynamoDB Local and seeds it: keep its logging out of the way.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback-quiet.xml");
        }
        CommandLineOptions cli = new CommandLineOptions(args);
        Fixture.Running backend = Fixture.startAndSeed(0, Fixture.DEFAULT_PEPPER);
        Collection<RunResult> results;
        try {
            warmServer(backend.seeded());
            ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
            if (cli.getIncludes().isEmpty()) {
                options.include(ValidateBenchmarks.class.getName() + "\\.");
            }
            if (!cli.getForkCount().hasValue()) {
                options.forks(1);
            }
            if (!cli.getWarmupIterations().hasValue()) {
                options.warmupIterations(10);
            }
            if (!cli.getWarmupTime().hasValue()) {
                options.warmupTime(TimeValue.seconds(2));
            }
            if (!cli.getMeasurementIterations().hasValue()) {
                options.measurementIterations(5);
            }
            if (!cli.getMeasurementTime().hasValue()) {
                options.measurementTime(TimeValue.seconds(2));
            }
            List<String> jvmArgs = new ArrayList<>(List.of(backend.seeded().asJvmArgs()));
            jvmArgs.add("-Xms512m");
            jvmArgs.add("-Xmx512m");
            options.jvmArgsAppend(jvmArgs.toArray(String[]::new));
            results = new Runner(options.build()).run();
        } finally {
            backend.close();
        }
        report(results);
        // DynamoDB Local leaves non-daemon job threads sleeping after stop(): without this the JVM lingers for minutes.
        System.exit(0);
    }

    /**
     * DynamoDB Local runs in this JVM for the whole run: warm its JIT before the first fork, or the benchmark that runs
     * first (the floor) pays for the server's warm-up and looks slower than those after it. Bounded by count and time.
     */
    static void warmServer(Fixture.Seeded seeded) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(Long.getLong("latchkey.bench.server-warmup-seconds", 30)).toNanos();
        try (var client = Fixture.sdkClient()) {
            var request = software.amazon.awssdk.services.dynamodb.model.GetItemRequest.builder()
                    .tableName(seeded.table()).key(seeded.hashItemKey()).consistentRead(true).build();
            int n = 0;
            while (n < 50_000 && System.nanoTime() < deadline) {
                client.getItem(request);
                n++;
            }
            System.out.println("# DynamoDB Local warmed with " + n + " GetItem calls");
        }
    }

    static void report(Collection<RunResult> results) {
        Map<String, Statistics> byName = new LinkedHashMap<>();
        String unit = "us/op";
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            label = label.substring(label.lastIndexOf('.') + 1);
            Result<?> primary = r.getPrimaryResult();
            unit = primary.getScoreUnit();
            byName.put(label, primary.getStatistics());
        }
        System.out.println();
        System.out.println("Latchkey validate benchmarks (" + unit + ", sample mode)");
        System.out.printf(Locale.ROOT, "%-32s %10s %10s %10s %10s %10s%n", "benchmark", "median", "mean", "p90", "p99", "samples");
        byName.forEach((name, s) -> System.out.printf(Locale.ROOT, "%-32s %10.2f %10.2f %10.2f %10.2f %10d%n",
                name, s.getPercentile(50), s.getMean(), s.getPercentile(90), s.getPercentile(99), s.getN()));
        Statistics floor = byName.get("a_getItemFloor");
        if (floor != null) {
            System.out.println();
            ratio("(b)/(a) use case / GetItem", byName.get("b_validateUseCase"), floor);
            ratio("(c)/(a) Lambda handler / GetItem", byName.get("c_lambdaHandler"), floor);
            ratio("(c2)/(a) handler + event JSON / GetItem", byName.get("c2_lambdaHandlerWithEventJson"), floor);
            Statistics handler = byName.get("c_lambdaHandler");
            if (handler != null) {
                System.out.printf(Locale.ROOT, "%-42s %8.2f us (target (c)/(a) <= 1.10: %s)%n", "in-process cost beside GetItem (c)-(a)",
                        handler.getPercentile(50) - floor.getPercentile(50),
                        handler.getPercentile(50) / floor.getPercentile(50) <= 1.10 ? "met" : "missed");
            }
        }
    }

    private static void ratio(String label, Statistics s, Statistics floor) {
        if (s != null) {
            System.out.printf(Locale.ROOT, "%-42s %8.3f (medians)%n", label, s.getPercentile(50) / floor.getPercentile(50));
        }
    }
}
