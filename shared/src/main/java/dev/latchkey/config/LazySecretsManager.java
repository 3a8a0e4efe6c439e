package dev.latchkey.config;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.function.Supplier;

/**
 * The container's one Secrets Manager client, built on first use.
 *
 * <p>Why not a plain singleton bean: Lambda contexts initialise every singleton at init, so a client bean would be
 * built on every cold start of every function, although validate, say, needs Secrets Manager only for the pepper
 * secret and direct-access signing keys, and not at all when the pepper is configured as a value. Building it costs
 * ~150 classes and ~0.1 s of a cold start (docs/benchmarks.md, section 2).
 */
public final class LazySecretsManager extends LazyClient<SecretsManagerClient> {

    public LazySecretsManager(Supplier<SecretsManagerClient> factory) {
        super(factory);
    }
}
