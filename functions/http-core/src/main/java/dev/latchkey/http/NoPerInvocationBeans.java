package dev.latchkey.http;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * micronaut-function-aws 4.11 registers the invocation's {@link Context} (and its logger, client context and identity)
 * as new runtime singletons on every invocation. They are never removed: a warm container grows by about 0.8 KB per
 * invocation (measured: 2 bean definitions and 2 registrations each), and every registration scans a longer list.
 * Latchkey injects none of them, so nothing is registered.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
public class NoPerInvocationBeans implements LambdaContextFactory {

    @Override
    public void registerSingletons(Context context) {
        // Deliberately empty: see the class comment.
    }
}
