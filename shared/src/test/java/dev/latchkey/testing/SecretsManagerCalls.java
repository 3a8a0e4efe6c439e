package dev.latchkey.testing;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the Secrets Manager calls a context makes, per operation and secret, as an SDK interceptor on the real client
 * (the calls still go to moto). On with {@value #PROPERTY}{@code =true}; see {@link CountingSecretsManagerFactory}.
 */
@Singleton
@Requires(property = SecretsManagerCalls.PROPERTY, value = "true")
public class SecretsManagerCalls implements ExecutionInterceptor {

    public static final String PROPERTY = "latchkey-test.count-secrets-manager-calls";

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(key(operation, secretId(context.request())), k -> new AtomicInteger()).incrementAndGet();
    }

    /** How often {@code operation} (e.g. {@code GetSecretValue}) was called on {@code secretId}. */
    public int count(String operation, String secretId) {
        AtomicInteger n = counts.get(key(operation, secretId));
        return n == null ? 0 : n.get();
    }

    private static String secretId(SdkRequest request) {
        return request.getValueForField("SecretId", String.class).orElse("");
    }

    private static String key(String operation, String secretId) {
        return operation + " " + secretId;
    }
}
