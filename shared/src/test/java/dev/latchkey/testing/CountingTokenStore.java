package dev.latchkey.testing;

import dev.latchkey.store.TokenStore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real {@link TokenStore} of a context (the table is still DynamoDB Local), counting its calls per method, for
 * tests that pin how much I/O an answer costs: hand {@link #store()} to a use case built by hand.
 */
public final class CountingTokenStore {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final TokenStore store;

    public CountingTokenStore(TokenStore real) {
        this.store = (TokenStore) Proxy.newProxyInstance(CountingTokenStore.class.getClassLoader(), new Class<?>[]{TokenStore.class},
                (proxy, method, args) -> {
                    counts.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public TokenStore store() {
        return store;
    }

    /** Calls so far of the methods whose names start with {@code prefix} ({@code findHash} counts both reads). */
    public int calls(String prefix) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(e -> e.getValue().get()).sum();
    }
}
