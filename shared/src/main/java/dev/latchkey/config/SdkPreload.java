package dev.latchkey.config;

import dev.latchkey.store.dynamodb.ItemKeys;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Loads the AWS SDK on a second thread while Micronaut builds its context, on a Lambda cold start.
 *
 * <p>Why: a cold validate function spends ~0.5 s loading and initialising the SDK's DynamoDB client (about 1,000
 * classes: endpoint rules, auth schemes, marshallers, the url-connection client) and another ~0.2 s on the first
 * {@code GetItem}'s request pipeline, all on the one thread that also builds the Micronaut context. Lambda gives the
 * init phase more than one vCPU at larger memory sizes, so a throwaway client built here
 * and one {@code GetItem} that is stopped before it leaves the process (signed, never sent) move that work off the
 * critical path. Spring Boot's {@code BackgroundPreinitializer} does the same for its own expensive classes.
 *
 * <p>{@link CoreFactory} waits for this thread before it builds the real client, so the SDK's classes are never
 * initialised by two threads at once. Nothing leaves the process, no credential is read, and no randomness or clock
 * value survives the throwaway client (SnapStart-safe). Only in Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} is set), and
 * {@code LATCHKEY_SDK_PRELOAD=false} turns it off.
 */
@ContextConfigurer
public final class SdkPreload implements ApplicationContextConfigurer {

    private static final CountDownLatch DONE = new CountDownLatch(1);
    private static volatile boolean started;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        if (enabled(System.getenv("AWS_LAMBDA_FUNCTION_NAME"), System.getenv("LATCHKEY_SDK_PRELOAD"))) {
            start();
        }
    }

    static boolean enabled(String lambdaFunctionName, String switchValue) {
        return lambdaFunctionName != null && !"false".equalsIgnoreCase(switchValue);
    }

    static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        Thread thread = new Thread(() -> {
            try {
                preload();
            } finally {
                DONE.countDown();
            }
        }, "latchkey-sdk-preload");
        thread.setDaemon(true);
        thread.start();
    }

    /** Blocks until a started preload has finished (at most {@code timeout}); returns at once if none was started. */
    static void awaitCompletion(long timeout, TimeUnit unit) {
        if (!started) {
            return;
        }
        try {
            DONE.await(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a DynamoDB client as {@link CoreFactory} does and takes one GetItem through the pipeline up to sending. */
    static boolean preload() {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("preload", "preload")))
                // The function's own HTTP client (CoreFactory's choice, from the same setting), so its classes load here.
                .httpClientBuilder(DynamoDbHttpClients.builder(java.util.Objects.requireNonNullElse(
                        System.getenv("LATCHKEY_DYNAMODB_HTTP_CLIENT"), DynamoDbHttpClients.DEFAULT), java.time.Duration.ofMillis(500)))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new StopBeforeSending()).retryStrategy(r -> r.maxAttempts(1)))
                .build()) {
            client.getItem(r -> r.tableName("latchkey-preload").consistentRead(true)
                    .key(ItemKeys.hash("preload")));
            return false; // unreachable: the interceptor stops every request
        } catch (RuntimeException e) {
            // The SDK rethrows an interceptor's exception as it is. Anything else is ignored as well: a preload is an
            // optimisation, and the real client is built as usual whatever went wrong here.
            return causedBy(e, Stopped.class);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Runs after marshalling and signing, just before the HTTP client would open a connection. */
    private static final class StopBeforeSending implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            throw new Stopped();
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("preload request stopped before sending", null, false, false);
        }
    }
}
