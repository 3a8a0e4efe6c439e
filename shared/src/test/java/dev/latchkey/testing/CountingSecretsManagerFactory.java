package dev.latchkey.testing;

import dev.latchkey.config.CoreFactory;
import dev.latchkey.config.LazySecretsManager;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** With {@link SecretsManagerCalls#PROPERTY} on, the context's Secrets Manager client reports every call to the counter. */
@Factory
@Requires(property = SecretsManagerCalls.PROPERTY, value = "true")
public class CountingSecretsManagerFactory {

    @Singleton
    @Bean(preDestroy = "close")
    @Replaces(factory = CoreFactory.class, bean = LazySecretsManager.class)
    LazySecretsManager countingSecretsManager(SecretsManagerCalls calls) {
        return new LazySecretsManager(() -> SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(calls))
                .build());
    }
}
