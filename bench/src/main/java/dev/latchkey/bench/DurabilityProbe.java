package dev.latchkey.bench;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does DynamoDB Local keep what it acknowledged when its process is killed? W writers each write an increasing counter
 * (TransactWriteItems of two items, or PutItem) as fast as they can; after a few seconds the process gets SIGKILL (or
 * SIGTERM), is started again on the same data directory, and each writer's stored counter is compared with the last
 * one it was told succeeded. Stored below acknowledged is an acknowledged write lost. Explains the one kind of change
 * {@link FaultRun} excuses after a kill (docs/benchmarks.md section 5).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar dev.latchkey.bench.DurabilityProbe [--mode tx|put] [--signal KILL|TERM]
 * [--rounds 5] [--writers 4] [--seconds 8] [--port 19497]}
 */
public final class DurabilityProbe {

    private DurabilityProbe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = MixedLoad.options(args);
        boolean transactions = !"put".equals(o.getOrDefault("--mode", "tx"));
        boolean kill = !"TERM".equals(o.getOrDefault("--signal", "KILL"));
        int rounds = Integer.parseInt(o.getOrDefault("--rounds", "5"));
        int writers = Integer.parseInt(o.getOrDefault("--writers", "4"));
        int seconds = Integer.parseInt(o.getOrDefault("--seconds", "8"));
        int port = Integer.parseInt(o.getOrDefault("--port", "19497"));
        Fixture.pointSdkAt(URI.create("http://127.0.0.1:" + port));
        int roundsWithLoss = 0;
        for (int round = 1; round <= rounds; round++) {
            Path work = Files.createTempDirectory("latchkey-durability");
            try (BackendProcess backend = new BackendProcess(port, work.resolve("data"), work)) {
                backend.start();
                long[] acknowledged = writeUntilStopped(backend, transactions, kill, writers, seconds);
                backend.start();
                long[] stored = readCounters(writers);
                long lost = 0;
                for (int w = 0; w < writers; w++) {
                    lost += Math.max(0, acknowledged[w] - stored[w]);
                }
                roundsWithLoss += lost > 0 ? 1 : 0;
                System.out.printf("round %d: acknowledged %s, stored %s -> %s%n", round, java.util.Arrays.toString(acknowledged),
                        java.util.Arrays.toString(stored), lost > 0 ? lost + " acknowledged write(s) lost" : "nothing lost");
            } finally {
                try (var paths = Files.walk(work)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        System.out.printf("%s after SIG%s: %d of %d rounds lost an acknowledged write%n", transactions ? "TransactWriteItems" : "PutItem",
                kill ? "KILL" : "TERM", roundsWithLoss, rounds);
        System.exit(0);
    }

    private static long[] writeUntilStopped(BackendProcess backend, boolean transactions, boolean kill, int writers, int seconds)
            throws Exception {
        AtomicLong[] acknowledged = new AtomicLong[writers];
        List<Thread> threads = new ArrayList<>();
        try (DynamoDbClient client = oneAttemptClient()) {
            client.createTable(r -> r.tableName("probe").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            for (int w = 0; w < writers; w++) {
                AtomicLong ack = acknowledged[w] = new AtomicLong(-1);
                String key = "w" + w;
                Thread t = new Thread(() -> {
                    try {
                        for (long n = 0; ; n++) {
                            write(client, transactions, key, n);
                            ack.set(n);
                        }
                    } catch (RuntimeException backendGone) {
                        // the kill: stop writing
                    }
                });
                t.start();
                threads.add(t);
            }
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
            if (kill) {
                backend.kill();
            } else {
                backend.stop();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        return java.util.Arrays.stream(acknowledged).mapToLong(AtomicLong::get).toArray();
    }

    private static void write(DynamoDbClient client, boolean transactions, String key, long n) {
        AttributeValue value = AttributeValue.fromN(Long.toString(n));
        if (transactions) {
            client.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName("probe").item(Map.of("pk", AttributeValue.fromS(key), "n", value)).build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName("probe").item(Map.of("pk", AttributeValue.fromS(key + "-pair"), "n", value)).build()).build()));
        } else {
            client.putItem(r -> r.tableName("probe").item(Map.of("pk", AttributeValue.fromS(key), "n", value)));
        }
    }

    private static long[] readCounters(int writers) {
        long[] stored = new long[writers];
        try (DynamoDbClient client = oneAttemptClient()) {
            for (int w = 0; w < writers; w++) {
                Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("w" + w));
                Map<String, AttributeValue> item = client.getItem(r -> r.tableName("probe").consistentRead(true).key(key)).item();
                stored[w] = item.isEmpty() ? -1 : Long.parseLong(item.get("n").n());
            }
        }
        return stored;
    }

    /** No retries: a retried write could land twice and blur which attempt was acknowledged. */
    private static DynamoDbClient oneAttemptClient() {
        return DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
    }
}
