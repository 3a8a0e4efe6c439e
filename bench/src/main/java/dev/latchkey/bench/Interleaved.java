package dev.latchkey.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A second view of the same three paths as {@link ValidateBenchmarks} (a), (b), (c), robust to a machine whose load
 * drifts (other processes sharing its cores): one JVM, the three calls interleaved in rotating order, every call timed
 * with {@link System#nanoTime()}, medians compared. JMH runs the benchmarks one after another, so a change of load
 * between them moves the ratios; here every path sees the same load.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.latchkey.bench.Interleaved [rounds] [warm-up rounds]}
 * (defaults 3000 and 2000; bounded by count).
 */
public final class Interleaved {

    private Interleaved() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        ValidateBenchmarks b = new ValidateBenchmarks();
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

    /** Medians (µs) of the three paths. */
    public record Result(double floor, double useCase, double handler, int rounds) {
        void print(java.io.PrintStream out) {
            out.printf(Locale.ROOT, "interleaved, %d rounds: median us/op  (a) GetItem %.1f  (b) use case %.1f  (c) handler %.1f%n",
                    rounds, floor, useCase, handler);
            out.printf(Locale.ROOT, "(b)/(a) %.3f   (c)/(a) %.3f   (c)-(a) %.1f us%n", useCase / floor, handler / floor, handler - floor);
        }
    }

    static Result run(ValidateBenchmarks b, int rounds, int warmup) {
        @SuppressWarnings("unchecked")
        Supplier<Object>[] paths = new Supplier[] {b::a_getItemFloor, b::b_validateUseCase, b::c_lambdaHandler};
        long[][] times = new long[3][rounds];
        Object sink = null;
        for (int i = 0; i < warmup + rounds; i++) {
            for (int k = 0; k < 3; k++) {
                int path = (i + k) % 3; // rotate which path goes first
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
        return new Result(median(times[0]), median(times[1]), median(times[2]), rounds);
    }

    static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double m = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return m / 1000.0;
    }
}
