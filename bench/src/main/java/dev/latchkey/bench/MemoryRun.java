package dev.latchkey.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Heap over a long run: the validate handler, built as Lambda builds it, answers {@code N} validate events (default
 * 100,000) in one JVM; every {@code every} invocations (default 10,000) it runs a full GC and prints the heap in use,
 * with the median latency of the last block. Run it under {@code -Xmx256m} on the Lambda zip's class path
 * ({@code bench/memory.sh}); configuration comes from the environment as in Lambda.
 *
 * <p>Depends only on the JDK, aws-lambda-java-core/-events and {@link ColdStart}'s event, so it runs on the zip's class
 * path with nothing of the bench module but these classes.
 */
public final class MemoryRun {

    private MemoryRun() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        String handlerClass = args.length > 2 ? args[2] : ColdStart.LATCHKEY_HANDLER;
        String token = ColdStart.requiredEnv("LATCHKEY_BENCH_TOKEN");

        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(handlerClass)
                        .getDeclaredConstructor().newInstance();
        Context context = new LambdaContextStub();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf(Locale.ROOT, "%10s %14s %14s %12s %8s%n", "invocations", "heap after GC", "committed", "median us", "errors");
        System.out.printf(Locale.ROOT, "%10d %11.1f MB %11.1f MB %12s %8d%n", 0, usedAfterGc(memory), committed(memory), "-", 0);
        long[] block = new long[every];
        int errors = 0;
        for (int i = 1; i <= total; i++) {
            APIGatewayV2HTTPEvent event = ColdStart.validateEvent(token, "mem-" + i);
            long t0 = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
            block[(i - 1) % every] = System.nanoTime() - t0;
            if (response.getStatusCode() != 200 || response.getBody() == null || !response.getBody().contains("\"valid\":true")) {
                errors++;
            }
            if (i % every == 0) {
                long[] sorted = block.clone();
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "%10d %11.1f MB %11.1f MB %12.0f %8d%n", i, usedAfterGc(memory), committed(memory),
                        sorted[every / 2] / 1000.0, errors);
                System.out.flush();
            }
        }
        if (handler instanceof AutoCloseable closeable) {
            closeable.close();
        }
        System.exit(errors == 0 ? 0 : 1);
    }

    private static double usedAfterGc(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    private static double committed(MemoryMXBean memory) {
        return memory.getHeapMemoryUsage().getCommitted() / 1048576.0;
    }
}
