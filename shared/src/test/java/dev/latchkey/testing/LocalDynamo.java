package dev.latchkey.testing;

import dev.latchkey.dynamodblocal.EmbeddedDynamoDb;
import dev.latchkey.store.dynamodb.LatchkeyTable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One DynamoDB Local per test JVM, on a loopback port, shared by every test class; each class gets its own table.
 * The SDK's standard settings point at it ({@code aws.endpointUrlDynamoDb} and friends), exactly as
 * {@code AWS_ENDPOINT_URL_DYNAMODB} would in a deployment.
 */
public final class LocalDynamo {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static EmbeddedDynamoDb instance;

    private LocalDynamo() {
    }

    public static synchronized EmbeddedDynamoDb instance() {
        if (instance == null) {
            instance = EmbeddedDynamoDb.start();
            System.setProperty("aws.endpointUrlDynamoDb", instance.endpoint().toString());
            System.setProperty("aws.region", "us-east-1");
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    /** A client on the same url-connection HTTP stack the functions use. */
    public static DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(instance().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** Creates a fresh, empty token table and returns its name. */
    public static String newTable() {
        String name = "latchkey-test-" + TABLES.incrementAndGet() + "-" + ProcessHandle.current().pid();
        try (DynamoDbClient client = client()) {
            LatchkeyTable.createIfMissing(client, name);
        }
        return name;
    }
}
