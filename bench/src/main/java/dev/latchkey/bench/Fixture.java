package dev.latchkey.bench;

import dev.latchkey.domain.Scope;
import dev.latchkey.dynamodblocal.EmbeddedDynamoDb;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.store.dynamodb.ItemKeys;
import dev.latchkey.store.dynamodb.LatchkeyTable;
import dev.latchkey.token.ParsedToken;
import dev.latchkey.token.Pepper;
import dev.latchkey.token.TokenFormat;
import dev.latchkey.token.TokenHasher;
import dev.latchkey.usecase.Authenticator;
import dev.latchkey.usecase.BootstrapOrganization;
import dev.latchkey.usecase.CreateToken;
import dev.latchkey.usecase.CreateTokenCommand;
import dev.latchkey.usecase.IssuedToken;
import io.micronaut.context.ApplicationContext;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What every measurement shares: a token table on a DynamoDB Local endpoint holding one genuine, live workspace token
 * (role WORKSPACE_AUTHOR on {@value #WORKSPACE}), and the validate question asked about it, which answers VALID.
 *
 * <p>The seeded token is made through the real use cases ({@link BootstrapOrganization}, {@link CreateToken}), so its
 * hash item is exactly what production writes.
 */
public final class Fixture {

    public static final String ORGANIZATION = ValidateQuestion.ORGANIZATION;
    public static final String WORKSPACE = ValidateQuestion.WORKSPACE;
    public static final String DEPLOYMENT = ValidateQuestion.DEPLOYMENT;
    public static final String PERMISSION = ValidateQuestion.PERMISSION;
    public static final String TABLE = "latchkey-bench";
    /** A fixed pepper, so that separate processes (benchmark forks, cold JVMs) can use the seeded token. */
    public static final String DEFAULT_PEPPER = "bench-pepper-0123456789-abcdefghijklmnopqrstuvwxyz";
    /**
     * lastUsedAt is written at most once per this interval: far longer than any run, so the once-a-minute write never
     * falls inside a measurement (the first validate after seeding writes it once, during set-up).
     */
    public static final String LAST_USED_INTERVAL = "1000d";

    /** System properties by which a parent process hands its backend to forks. */
    public static final String ENDPOINT_PROPERTY = "latchkey.bench.endpoint";
    public static final String TOKEN_PROPERTY = "latchkey.bench.token";
    public static final String PEPPER_PROPERTY = "latchkey.bench.pepper";

    /** A seeded backend: where it is, and the value of its live token. */
    public record Seeded(URI endpoint, String table, String pepper, String token) {

        /** The JVM options that hand this backend to another process's {@link #fromSystemProperties()}. */
        public String[] asJvmArgs() {
            return new String[] {"-D" + ENDPOINT_PROPERTY + "=" + endpoint, "-D" + TOKEN_PROPERTY + "=" + token,
                    "-D" + PEPPER_PROPERTY + "=" + pepper};
        }

        /** The storage key of the token's hash item, {@code v1:<hex hmac>}. */
        public String hashKey() {
            Pepper p = new Pepper(1, pepper.getBytes(StandardCharsets.UTF_8));
            ParsedToken parsed = new TokenFormat("lk").parse(token).orElseThrow();
            return TokenHasher.hashKey(p, parsed);
        }

        /** The DynamoDB key of the token's hash item, as the table layout writes it. */
        public Map<String, AttributeValue> hashItemKey() {
            return ItemKeys.hash(hashKey());
        }

        /** The DynamoDB key of the bench deployment's registry item, which validate reads along with the hash item. */
        public Map<String, AttributeValue> deploymentItemKey() {
            return ItemKeys.deployment(ORGANIZATION, DEPLOYMENT);
        }
    }

    private Fixture() {
    }

    /** The backend a parent process handed over, or null when there is none. */
    public static Seeded fromSystemProperties() {
        String endpoint = System.getProperty(ENDPOINT_PROPERTY);
        if (endpoint == null) {
            return null;
        }
        return new Seeded(URI.create(endpoint), TABLE, System.getProperty(PEPPER_PROPERTY, DEFAULT_PEPPER),
                System.getProperty(TOKEN_PROPERTY));
    }

    /** Points the AWS SDK's standard settings at a DynamoDB Local endpoint, as AWS_ENDPOINT_URL_DYNAMODB would. */
    public static void pointSdkAt(URI endpoint) {
        System.setProperty("aws.endpointUrlDynamoDb", endpoint.toString());
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "bench");
        System.setProperty("aws.secretAccessKey", "bench");
    }

    /** Starts DynamoDB Local in this JVM on a loopback port (0 for any free one) and seeds it. */
    public static Running startAndSeed(int port, String pepper) {
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(port, null);
        try {
            return new Running(dynamo, seed(dynamo.endpoint(), pepper));
        } catch (RuntimeException e) {
            dynamo.stop();
            throw e;
        }
    }

    /** An in-process DynamoDB Local and what was seeded in it. */
    public record Running(EmbeddedDynamoDb dynamo, Seeded seeded) implements AutoCloseable {
        @Override
        public void close() {
            dynamo.stop();
        }
    }

    /**
     * Creates the table, registers the organization, workspace and deployment, and creates one workspace token
     * (WORKSPACE_AUTHOR) through the use cases, with the given pepper.
     */
    public static Seeded seed(URI endpoint, String pepper) {
        pointSdkAt(endpoint);
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("latchkey.table-name", TABLE, "latchkey.pepper", pepper))
                .start()) {
            LatchkeyTable.createIfMissing(context.getBean(DynamoDbClient.class), TABLE);
            IssuedToken owner = context.getBean(BootstrapOrganization.class).bootstrap(ORGANIZATION);
            EntityRegistry registry = context.getBean(EntityRegistry.class);
            Clock clock = context.getBean(Clock.class);
            registry.putWorkspace(ORGANIZATION, WORKSPACE, clock.instant());
            registry.putDeployment(ORGANIZATION, DEPLOYMENT, WORKSPACE, clock.instant());
            var caller = context.getBean(Authenticator.class).authenticate("Bearer " + owner.value());
            IssuedToken token = context.getBean(CreateToken.class).create(caller, ORGANIZATION,
                    new CreateTokenCommand("bench workspace author", null, Scope.WORKSPACE, WORKSPACE, "WORKSPACE_AUTHOR",
                            null, null), null);
            return new Seeded(endpoint, TABLE, pepper, token.value());
        }
    }

    /** The JSON body of POST /v1/validate asking whether the token may deploy to the bench deployment. */
    public static String validateBody(String token) {
        return ValidateQuestion.body(token);
    }

    /** The API Gateway HTTP API payload-2.0 event (a recorded one) carrying {@link #validateBody}. */
    public static String validateEventJson(String token) {
        return eventJson(validateBody(token));
    }

    /** The same event carrying {@link ValidateQuestion#workspaceBody}: a question answered from one GetItem. */
    public static String validateWorkspaceEventJson(String token) {
        return eventJson(ValidateQuestion.workspaceBody(token));
    }

    private static String eventJson(String body) {
        try (InputStream in = Fixture.class.getResourceAsStream("/events/validate.json")) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return template.replace("${BODY_LENGTH}", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length))
                    .replace("${BODY_ESCAPED}", body.replace("\\", "\\\\").replace("\"", "\\\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A DynamoDB client built as {@code CoreFactory} builds the functions' one (url-connection HTTP client, the same
     * timeouts and attempts), endpoint and region from the SDK's standard settings.
     */
    public static DynamoDbClient sdkClient() {
        return sdkClient(dev.latchkey.config.DynamoDbHttpClients.DEFAULT);
    }

    /** The same on another of the SDK's synchronous HTTP clients ({@code url-connection}, {@code apache}, {@code crt}). */
    public static DynamoDbClient sdkClient(String httpClient) {
        return DynamoDbClient.builder()
                .httpClientBuilder(dev.latchkey.config.DynamoDbHttpClients.builder(httpClient, Duration.ofMillis(500)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(5))
                        .apiCallAttemptTimeout(Duration.ofSeconds(2))
                        .retryStrategy(b -> b.maxAttempts(3))
                        .build())
                .build();
    }

    /** The handler's configuration as Lambda would pass it, set as system properties (the in-JVM equivalent). */
    public static void configureHandler(Seeded seeded) {
        pointSdkAt(seeded.endpoint());
        System.setProperty("latchkey.table-name", seeded.table());
        System.setProperty("latchkey.pepper", seeded.pepper());
        System.setProperty("latchkey.last-used-interval", LAST_USED_INTERVAL);
    }
}
