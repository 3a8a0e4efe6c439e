package dev.latchkey.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * Loads the AWS SDK on a second thread while Micronaut builds its context, on a Lambda cold start.
 *
 * <p>Why: a cold validate function spends ~0.5 s loading and initialising the SDK's DynamoDB client (about 2,500
 * classes: endpoint rules, auth schemes, marshallers, the HTTP client) and another ~0.1 s on the first read's request
 * and response pipeline, on the one thread that also builds the Micronaut context. Lambda gives the init phase more
 * than one vCPU at larger memory sizes, so this thread moves that work off the critical path: it builds (and closes)
 * the function's HTTP client, then takes a {@code GetItem} and a {@code BatchGetItem} through a throwaway DynamoDB
 * client whose HTTP client is {@link CannedAnswers}: each request is marshalled, signed and "sent" to an in-memory
 * answer, and a realistic item is unmarshalled from it. Nothing leaves the process. Spring Boot's
 * {@code BackgroundPreinitializer} does the same for its own expensive classes.
 *
 * <p>The validate zip's handlers start it from their class initialisers ({@link #startIfInLambda()}), the earliest
 * moment the Lambda runtime runs Latchkey code; the other functions start it as their context is configured. {@link
 * CoreFactory} waits for it before it builds the real client, so the SDK's classes are never initialised by two
 * threads at once. No credential is read, and no randomness or clock value survives the throwaway client (SnapStart-safe).
 * Only in Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} is set); {@code LATCHKEY_SDK_PRELOAD=false} turns it off.
 */
@ContextConfigurer
public final class SdkPreload implements ApplicationContextConfigurer {

    private static final CountDownLatch DONE = new CountDownLatch(2);
    private static volatile boolean started;
    private static final String TABLE = "latchkey-preload";

    @Override
    public void configure(ApplicationContextBuilder builder) {
        startIfInLambda();
    }

    /** Starts the preload once per JVM, in Lambda only (see the class comment). */
    public static void startIfInLambda() {
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
        // Two threads: the HTTP client (its TLS set-up is a third of the work) beside the DynamoDB client's pipeline.
        daemon("latchkey-sdk-preload-http", SdkPreload::preloadHttpClient);
        daemon("latchkey-sdk-preload", SdkPreload::preloadPipeline);
    }

    private static void daemon(String name, java.util.function.BooleanSupplier work) {
        Thread thread = new Thread(() -> {
            try {
                work.getAsBoolean();
            } finally {
                DONE.countDown();
            }
        }, name);
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

    /**
     * The function's HTTP client built and closed, then one GetItem and one BatchGetItem answered in memory. True when
     * both came back with the canned item, i.e. the whole pipeline ran; false (and nothing else) on any failure: a
     * preload is an optimisation, and the real client is built as usual whatever went wrong here.
     */
    static boolean preload() {
        return preloadHttpClient() & preloadPipeline();
    }

    /** The function's HTTP client built and closed: its classes, pool and TLS set-up. */
    static boolean preloadHttpClient() {
        try {
            String httpClient = Objects.requireNonNullElse(System.getenv("LATCHKEY_DYNAMODB_HTTP_CLIENT"), DynamoDbHttpClients.DEFAULT);
            DynamoDbHttpClients.builder(httpClient, Duration.ofMillis(500)).build().close();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** One GetItem and one BatchGetItem through a throwaway client answered in memory. */
    static boolean preloadPipeline() {
        try {
            try (DynamoDbClient client = DynamoDbClient.builder()
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("preload", "preload")))
                    .httpClient(new CannedAnswers())
                    // As CoreFactory's client: the call and attempt timers, one attempt.
                    .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(5)).apiCallAttemptTimeout(Duration.ofSeconds(2))
                            .retryStrategy(r -> r.maxAttempts(1)))
                    .build()) {
                Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("HASH#preload"), "sk", AttributeValue.fromS("HASH"));
                GetItemResponse one = client.getItem(r -> r.tableName(TABLE).consistentRead(true).key(key));
                BatchGetItemResponse two = client.batchGetItem(r -> r.requestItems(Map.of(TABLE,
                        KeysAndAttributes.builder().consistentRead(true).keys(List.of(key, key)).build())));
                return one.hasItem() && one.item().equals(two.responses().get(TABLE).get(0));
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * An HTTP client that never opens a connection: it reads the request body as a real client would and answers with
     * what DynamoDB answers a read of an item holding each attribute type Latchkey stores (with the CRC32 header the
     * SDK checks).
     */
    private static final class CannedAnswers implements SdkHttpClient {

        private static final String ITEM = "{\"pk\":{\"S\":\"HASH#preload\"},\"sk\":{\"S\":\"HASH\"},"
                + "\"n\":{\"N\":\"1\"},\"b\":{\"BOOL\":true},\"l\":{\"L\":[{\"S\":\"x\"}]},"
                + "\"ss\":{\"SS\":[\"x\"]},\"m\":{\"M\":{\"x\":{\"NULL\":true}}}}";

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream body = request.contentStreamProvider().get().newStream()) {
                            body.readAllBytes();
                        }
                    }
                    boolean batch = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("").endsWith("BatchGetItem");
                    byte[] answer = (batch ? "{\"Responses\":{\"" + TABLE + "\":[" + ITEM + "]},\"UnprocessedKeys\":{}}"
                            : "{\"Item\":" + ITEM + "}").getBytes(StandardCharsets.UTF_8);
                    CRC32 crc = new CRC32();
                    crc.update(answer);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                                    .putHeader("Content-Length", Integer.toString(answer.length))
                                    .putHeader("x-amz-crc32", Long.toString(crc.getValue()))
                                    .putHeader("x-amzn-RequestId", "preload")
                                    .build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
                            .build();
                }

                @Override
                public void abort() {
                    // Nothing in flight: the answer is in memory.
                }
            };
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }
}
