package dev.latchkey.functions.validate;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;

/**
 * How the validate zip's two handlers build their context: as micronaut-function-aws's
 * {@code LambdaApplicationContextBuilder} does (the {@code function} and {@code lambda} environments, configuration
 * read at start-up), but without eager initialisation of every singleton. The zip carries the whole shared module,
 * and with Lambda's eager initialisation a cold validate function built the use cases of every other function too
 * (create, rotate, custom roles, the sweeps and their stores: about 40 beans, measured in docs/benchmarks.md). Without
 * it, init still builds everything the handler injects (the route, the use case, the table client, the pepper, read
 * once), which is what a SnapStart snapshot must hold, and nothing else. (The builder's
 * {@code eagerInitSingletons(false)} cannot undo Lambda's {@code true}: it only ever adds to a set.)
 */
public final class ValidateBeansOnly {

    private ValidateBeansOnly() {
    }

    public static ApplicationContextBuilder builder() {
        return ApplicationContext.builder()
                .environments(Environment.FUNCTION, "lambda")
                .eagerInitConfiguration(true);
    }
}
