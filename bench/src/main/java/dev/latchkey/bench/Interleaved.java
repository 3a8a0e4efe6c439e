package dev.latchkey.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A second view of four paths of {@link ValidateBenchmarks} (a, a2, c1, c), robust to a machine whose load
 * drifts (other processes sharing its cores): one JVM, the three calls interleaved in rotating order, every call timed
 * with {@link System#nanoTime()}, medians compared. JMH runs the benchmarks one after another, so a change of load
 * between them moves the ratios; here every path sees the same load (but DynamoDB Local runs in this JVM).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.latchkey.bench.Interleaved [rounds] [warm-up rounds] [http client]}
 * (defaults 3000, 2000 and apache; bounded by count).
 */
public final class Interleaved {

    private Interleaved() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        ValidateBenchmarks b = new ValidateBenchmarks();
        // The validate function's client (template.yaml) unless told otherwise.
        b.httpClient = args.length > 2 ? args[2] : "apache";
        b.setUp();
        try {
            Result r = run(b, rounds, warmup);
            r.print(System.out);
        } finally {
            b.tearDown();
        }
        // DynamoDB Local leaves non-daemon job threads sleeping after stop(): without this the JVM lingers for minutes.
        System.exit(0);
    }

    /** Medians (µs) of the four paths. */
    public record Result(double floor, double batchFloor, double oneItem, double handler, int rounds) {
        void print(java.io.PrintStream out) {
            out.printf(Locale.ROOT, "interleaved, %d rounds: median us/op  (a) GetItem %.1f  (a2) BatchGetItem %.1f  "
                    + "(c1) handler, one-item question %.1f  (c) handler, deployment question %.1f%n",
                    rounds, floor, batchFloor, oneItem, handler);
            out.printf(Locale.ROOT, "(c1)/(a) %.3f   (c)/(a2) %.3f   (c)/(a) %.3f   (c1)-(a) %.1f us%n",
                    oneItem / floor, handler / batchFloor, handler / floor, oneItem - floor);
        }
    }

    static Result run(ValidateBenchmarks b, int rounds, int warmup) {
        @SuppressWarnings("unchecked")
        Supplier<Object>[] paths = new Supplier[] {b::a_getItemFloor, b::a2_batchGetItemFloor, b::c1_lambdaHandlerOneItem,
                b::c_lambdaHandler};
        long[][] times = new long[paths.length][rounds];
        Object sink = null;
        for (int i = 0; i < warmup + rounds; i++) {
            for (int k = 0; k < paths.length; k++) {
                int path = (i + k) % paths.length; // rotate which path goes first
                long t0 = System.nanoTime();
                Object out = paths[path].get();
                long t1 = System.nanoTime();
                sink = out;
                if (i >= warmup) {
                    times[path][i - warmup] = t1 - t0;
                }
            }
        }
        if (sink == null) {
            throw new IllegalStateException();
        }
        return new Result(median(times[0]), median(times[1]), median(times[2]), median(times[3]), rounds);
    }

    static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double m = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return m / 1000.0;
    }
}
