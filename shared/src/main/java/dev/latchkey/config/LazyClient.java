package dev.latchkey.config;

import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.util.function.Supplier;

/**
 * An AWS client built on first use, once per container. Lambda contexts initialise every singleton at init, so a
 * client bean would be built on every cold start of every function that carries it, used or not
 * ({@link LazySecretsManager} says what that costs).
 */
public class LazyClient<T extends SdkAutoCloseable> implements Supplier<T>, AutoCloseable {

    private final Supplier<T> factory;
    private volatile T client;

    public LazyClient(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = factory.get();
                    client = built;
                }
            }
        }
        return built;
    }

    /** Whether the client exists yet (for tests and start-up diagnostics). */
    public boolean isBuilt() {
        return client != null;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
