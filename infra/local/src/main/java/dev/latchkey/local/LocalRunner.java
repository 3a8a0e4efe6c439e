package dev.latchkey.local;

import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.dynamodblocal.EmbeddedDynamoDb;
import dev.latchkey.store.dynamodb.LatchkeyTable;
import dev.latchkey.usecase.BootstrapOrganization;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RotationSweep;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Latchkey on a laptop: DynamoDB Local in this JVM, the table created, every function's controllers on one Netty
 * server, a bootstrap organization with an Organization Owner token printed as an {@code export} line.
 */
public final class LocalRunner {

    private LocalRunner() {
    }

    public static void main(String[] args) {
        // The function jars carry the Lambda logging set-up; the runner keeps stdout for its two lines.
        System.setProperty("logback.configurationFile", "logback-local.xml");
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(RunnerOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(RunnerOptions.USAGE);
            return;
        }
        Running running = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(running::stopAfterMicronaut, "latchkey-shutdown"));
        System.out.println("export LATCHKEY_API_TOKEN=" + running.ownerToken().value());
        System.out.println("Latchkey listening on http://127.0.0.1:" + running.port());
        System.out.flush();
    }

    /**
     * A started runner; {@link #stop()} stops the sweep, closes the server, then the database.
     *
     * @param dynamo the embedded DynamoDB Local, or null when the table lives on an endpoint the runner does not own
     */
    public record Running(ApplicationContext context, EmbeddedDynamoDb dynamo, int port, IssuedToken ownerToken,
                          ScheduledExecutorService sweeper) {
        public void stop() {
            sweeper.shutdownNow();
            if (context.isRunning()) {
                context.stop();
            }
            stopOwnDatabase();
        }

        private void stopOwnDatabase() {
            if (dynamo != null) {
                dynamo.stop();
            }
        }

        /**
         * On Ctrl-C: Micronaut's own shutdown hook stops the server and the context; stopping the context here too
         * would deadlock with it. Wait for it (ten seconds at most), then stop the database under it.
         */
        void stopAfterMicronaut() {
            sweeper.shutdownNow();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (context.isRunning() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            stopOwnDatabase();
        }
    }

    public static Running start(RunnerOptions options) {
        AwsDefaults.applyForLocalUse();
        // An external endpoint can be stopped and started under a running runner (bench/fault.sh); an embedded one
        // lives and dies with this JVM.
        EmbeddedDynamoDb dynamo = options.dynamodbEndpoint() == null
                ? EmbeddedDynamoDb.start(options.dynamodbPort(), options.dataDir()) : null;
        URI endpoint = dynamo == null ? options.dynamodbEndpoint() : dynamo.endpoint();
        System.setProperty("aws.endpointUrlDynamoDb", endpoint.toString());

        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", options.port());
        properties.put("micronaut.server.max-request-size", dev.latchkey.http.RequestBodyChecks.MAX_BODY_BYTES);
        // Every controller blocks on DynamoDB: run them on the I/O executor, not the event loop (+45 % validate
        // throughput at 32 concurrent clients, docs/benchmarks.md section 3).
        properties.put("micronaut.server.thread-selection", "BLOCKING");
        properties.put("latchkey.pepper", LocalPepper.resolve(options.dataDir()));
        // Direct-access tokens are signed with a key made at start (tokens of an earlier run no longer verify).
        properties.put("latchkey.direct-access-keys", dev.latchkey.token.direct.SigningKeyRing.generate("local-1").toJson());
        properties.put("latchkey.bootstrap-organization-id", options.organizationId());
        properties.put("latchkey.secrets-manager-enabled", System.getenv("AWS_ENDPOINT_URL_SECRETS_MANAGER") != null
                || System.getProperty("aws.endpointUrlSecretsManager") != null);
        ApplicationContext context = Micronaut.build(new String[0])
                .banner(false)
                .properties(properties)
                .start();
        try {
            LatchkeyTable.createIfMissing(context.getBean(DynamoDbClient.class), context.getBean(LatchkeyConfiguration.class).getTableName());
            IssuedToken owner = context.getBean(BootstrapOrganization.class).bootstrap(options.organizationId());
            int port = context.getBean(EmbeddedServer.class).getPort();
            return new Running(context, dynamo, port, owner, startSweep(context, options.rotationSweepSeconds()));
        } catch (RuntimeException e) {
            context.stop();
            if (dynamo != null) {
                dynamo.stop();
            }
            throw e;
        }
    }

    public static RunnerOptions options(int port, String organizationId) {
        return new RunnerOptions(port, null, organizationId, 0, 0, null, false);
    }

    /** A runner on the DynamoDB at {@code dynamodbEndpoint} instead of an embedded one. */
    public static RunnerOptions options(int port, String organizationId, URI dynamodbEndpoint) {
        return new RunnerOptions(port, null, organizationId, 0, 0, dynamodbEndpoint, false);
    }

    /** The same sweep the scheduled Lambda runs, on an interval, so rotation policies work locally too. */
    private static ScheduledExecutorService startSweep(ApplicationContext context, int everySeconds) {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "latchkey-rotation-sweep");
            t.setDaemon(true);
            return t;
        });
        if (everySeconds > 0) {
            RotationSweep sweep = context.getBean(RotationSweep.class);
            sweeper.scheduleWithFixedDelay(() -> {
                try {
                    sweep.sweep();
                } catch (RuntimeException e) {
                    System.err.println("rotation sweep failed: " + e.getMessage());
                }
            }, everySeconds, everySeconds, TimeUnit.SECONDS);
        }
        return sweeper;
    }
}
