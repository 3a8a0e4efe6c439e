package dev.latchkey.store.secretsmanager;

import dev.latchkey.domain.SecretCopy;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.SecretCopies;
import dev.latchkey.store.SecretDocument;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where no Secrets Manager endpoint is configured (the local runner without AWS_ENDPOINT_URL_SECRETS_MANAGER). */
public final class UnconfiguredSecretCopies implements SecretCopies {

    static final String MESSAGE = "Secrets Manager is not configured for this Latchkey: "
            + "set AWS_ENDPOINT_URL_SECRETS_MANAGER (for example to a moto_server or LocalStack endpoint) and restart";

    @Override
    public SecretCopy create(String name, SecretDocument document, Map<String, String> tags) {
        throw unavailable();
    }

    @Override
    public void putPending(String secretId, String versionId, SecretDocument document) {
        throw unavailable();
    }

    @Override
    public void promote(String secretId, String versionId) {
        throw unavailable();
    }

    @Override
    public void delete(String secretId) {
        throw unavailable();
    }

    @Override
    public Optional<SecretState> describe(String secretId) {
        throw unavailable();
    }

    @Override
    public Optional<SecretDocument> read(String secretId, String versionId) {
        throw unavailable();
    }

    private static LatchkeyException unavailable() {
        return new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE, MESSAGE, List.of(), null);
    }
}
