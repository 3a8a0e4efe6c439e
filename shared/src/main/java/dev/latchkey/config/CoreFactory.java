package dev.latchkey.config;

import dev.latchkey.store.AuditLog;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.store.dynamodb.DynamoDbAuditLog;
import dev.latchkey.store.TokenHygiene;
import dev.latchkey.store.TokenStore;
import dev.latchkey.store.dynamodb.DynamoDbTokenHygiene;
import dev.latchkey.store.CustomRoleStore;
import dev.latchkey.store.dynamodb.DynamoDbCustomRoleStore;
import dev.latchkey.store.dynamodb.DynamoDbEntityRegistry;
import dev.latchkey.store.dynamodb.DynamoDbTokenStore;
import dev.latchkey.token.Pepper;
import dev.latchkey.token.PepperRing;
import dev.latchkey.token.TokenFormat;
import dev.latchkey.store.SecretCopies;
import dev.latchkey.store.SigningKeySecrets;
import dev.latchkey.store.secretsmanager.SecretsManagerSecretCopies;
import dev.latchkey.store.secretsmanager.SecretsManagerSigningKeySecrets;
import dev.latchkey.store.secretsmanager.UnconfiguredSecretCopies;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The beans every function shares. Lambda contexts create every singleton at init (micronaut-function-aws turns on
 * eager initialisation), so what some functions never touch is built on first use behind a cheap singleton instead
 * ({@link LazySecretsManager}). Nothing here draws randomness or reads the clock, which keeps SnapStart snapshots safe.
 */
@Factory
public class CoreFactory {

    /** Secondary so that tests (and a runner with a simulated clock) can supply their own. */
    @Singleton
    @Secondary
    Clock clock() {
        // Millisecond ticks: what is stored is what was answered.
        return Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1));
    }

    @Singleton
    TokenFormat tokenFormat(LatchkeyConfiguration config) {
        return new TokenFormat(config.getTokenPrefix());
    }

    /**
     * The pepper: a configured value (local use, tests), or read once per container from the Secrets Manager secret
     * {@code latchkey.pepper-secret-id} (AWS; in Lambda at init, before a SnapStart snapshot).
     */
    @Singleton
    PepperRing pepperRing(LatchkeyConfiguration config, LazySecretsManager secretsManager) {
        String pepper = config.getPepper();
        if (pepper != null) {
            if (pepper.length() < 32) {
                throw new ConfigurationException("latchkey.pepper (LATCHKEY_PEPPER) must be at least 32 characters");
            }
            return new PepperRing(List.of(new Pepper(config.getPepperVersion(), pepper.getBytes(StandardCharsets.UTF_8))));
        }
        if (config.getPepperSecretId() != null) {
            String secret = secretsManager.get().getSecretValue(r -> r.secretId(config.getPepperSecretId())).secretString();
            return PepperSecret.parse(secret, config.getPepperVersion());
        }
        throw new ConfigurationException("Set latchkey.pepper (LATCHKEY_PEPPER) or latchkey.pepper-secret-id (LATCHKEY_PEPPER_SECRET_ID)");
    }

    /** Built on first use only (copies, rotation, the pepper secret, signing keys): see {@link LazySecretsManager}. */
    @Singleton
    @Bean(preDestroy = "close")
    LazySecretsManager secretsManager(LatchkeyConfiguration config) {
        return new LazySecretsManager(() -> SecretsManagerClient.builder()
                .httpClientBuilder(boundedConnects(config))
                .overrideConfiguration(boundedCalls(config))
                .build());
    }

    @Singleton
    SigningKeySecrets signingKeySecrets(LazySecretsManager secretsManager) {
        return new SecretsManagerSigningKeySecrets(secretsManager);
    }

    @Singleton
    SecretCopies secretCopies(LatchkeyConfiguration config, LazySecretsManager secretsManager) {
        return config.isSecretsManagerEnabled()
                ? new SecretsManagerSecretCopies(secretsManager)
                : new UnconfiguredSecretCopies();
    }

    /**
     * One client per container, on the HTTP client {@link DynamoDbHttpClients} names (url-connection unless the
     * function says otherwise). Region, credentials and {@code AWS_ENDPOINT_URL_DYNAMODB} come from the SDK's
     * standard chain.
     */
    @Singleton
    DynamoDbClient dynamoDbClient(LatchkeyConfiguration config,
                                  @Property(name = DynamoDbHttpClients.PROPERTY, defaultValue = DynamoDbHttpClients.DEFAULT)
                                  String httpClient) {
        // On a Lambda cold start a second thread is loading the SDK (SdkPreload): let it finish rather than
        // initialise the same classes from two threads.
        SdkPreload.awaitCompletion(5, TimeUnit.SECONDS);
        return DynamoDbClient.builder()
                .httpClientBuilder(DynamoDbHttpClients.builder(httpClient, config.getDynamodbConnectTimeout()))
                .overrideConfiguration(boundedCalls(config))
                .build();
    }

    /**
     * Deliberate time limits for every AWS call: DynamoDB's SDK default is 8 retries and no overall limit, and a dead
     * backend must turn into a 503 within seconds instead. Public for the clients a single function builds itself.
     */
    public static ClientOverrideConfiguration boundedCalls(LatchkeyConfiguration config) {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(config.getDynamodbApiCallTimeout())
                .apiCallAttemptTimeout(config.getDynamodbAttemptTimeout())
                .retryStrategy(b -> b.maxAttempts(config.getDynamodbMaxAttempts()))
                .build();
    }

    /** The url-connection client, whose connects the api-call timeout cannot cut short: they get their own limit. */
    public static UrlConnectionHttpClient.Builder boundedConnects(LatchkeyConfiguration config) {
        return UrlConnectionHttpClient.builder().connectionTimeout(config.getDynamodbConnectTimeout());
    }

    @Singleton
    TokenStore tokenStore(DynamoDbClient dynamo, LatchkeyConfiguration config) {
        return new DynamoDbTokenStore(dynamo, config.getTableName());
    }

    @Singleton
    TokenHygiene tokenHygiene(DynamoDbClient dynamo, LatchkeyConfiguration config) {
        return new DynamoDbTokenHygiene(dynamo, config.getTableName());
    }

    @Singleton
    AuditLog auditLog(DynamoDbClient dynamo, LatchkeyConfiguration config) {
        return new DynamoDbAuditLog(dynamo, config.getTableName(), config.getAuditRetention());
    }

    @Singleton
    CustomRoleStore customRoleStore(DynamoDbClient dynamo, LatchkeyConfiguration config) {
        return new DynamoDbCustomRoleStore(dynamo, config.getTableName());
    }

    @Singleton
    EntityRegistry entityRegistry(DynamoDbClient dynamo, LatchkeyConfiguration config) {
        return new DynamoDbEntityRegistry(dynamo, config.getTableName());
    }
}
