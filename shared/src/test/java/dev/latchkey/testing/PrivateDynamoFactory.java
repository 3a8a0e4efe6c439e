package dev.latchkey.testing;

import dev.latchkey.config.CoreFactory;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;

/**
 * In the {@value #ENVIRONMENT} environment the table client talks to a DynamoDB Local of the test's own (property
 * {@code test.dynamodb.endpoint}), which the test may stop and start again: for fault tests. The limits are the
 * production ones made short, so a dead backend answers within a few seconds.
 */
@Factory
@Requires(env = PrivateDynamoFactory.ENVIRONMENT)
public class PrivateDynamoFactory {

    public static final String ENVIRONMENT = "private-dynamodb";

    @Singleton
    @Replaces(factory = CoreFactory.class, bean = DynamoDbClient.class)
    DynamoDbClient privateDynamo(@Property(name = "test.dynamodb.endpoint") String endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(3)).apiCallAttemptTimeout(Duration.ofSeconds(1))
                        .retryStrategy(r -> r.maxAttempts(2)))
                .build();
    }
}
