package dev.latchkey.bench;

import dev.latchkey.dynamodblocal.EmbeddedDynamoDb;

import java.nio.file.Path;
import java.time.Duration;

/**
 * DynamoDB Local as a process of its own, so that it can be killed and started again under a running local runner
 * ({@code --dynamodb-endpoint}): a fixed loopback port and a data directory that outlives the process. Prints
 * {@code ready} once it listens; stops when killed or after {@code --max-seconds}.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.latchkey.bench.DynamoDbLocalMain --port 19491 --data-dir DIR
 * [--max-seconds 3600]}
 */
public final class DynamoDbLocalMain {

    private DynamoDbLocalMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback-quiet.xml");
        }
        int port = 0;
        Path dataDir = null;
        long maxSeconds = 3600;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (port == 0 || dataDir == null) {
            throw new IllegalArgumentException("--port and --data-dir are required: a restart must find the same table");
        }
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(port, dataDir);
        System.out.println("ready " + dynamo.endpoint());
        System.out.flush();
        Thread.sleep(Duration.ofSeconds(maxSeconds).toMillis());
        // DynamoDB Local's job threads are not daemons: leave explicitly.
        System.exit(0);
    }
}
