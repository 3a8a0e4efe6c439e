package dev.latchkey.bench;

import java.time.Duration;

/**
 * DynamoDB Local for the out-of-process harnesses (cold start, memory): started in this JVM on a fixed loopback port,
 * seeded with the bench token under a fixed pepper, then kept up until killed or until {@code --max-seconds} pass.
 * Prints {@code endpoint=...}, {@code table=...}, {@code token=...} and finally {@code ready}.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.latchkey.bench.BackendMain --port 8701 [--max-seconds 3600]}; the
 * pepper is {@code LATCHKEY_PEPPER} or the bench default.
 */
public final class BackendMain {

    private BackendMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback-quiet.xml");
        }
        int port = 0;
        long maxSeconds = 3600;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String pepper = System.getenv().getOrDefault("LATCHKEY_PEPPER", Fixture.DEFAULT_PEPPER);
        Fixture.Running running = Fixture.startAndSeed(port, pepper);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close));
        System.out.println("endpoint=" + running.seeded().endpoint());
        System.out.println("table=" + running.seeded().table());
        System.out.println("token=" + running.seeded().token());
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Duration.ofSeconds(maxSeconds).toMillis());
        System.exit(0);
    }
}
