package dev.latchkey.usecase;

import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.config.LazySecretsManager;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.token.direct.SigningKeyRing;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

import java.util.List;
import java.util.Optional;

/**
 * Where the direct-access signing keys come from: {@code latchkey.direct-access-keys} (local runs, tests) or the
 * Secrets Manager secret {@code latchkey.direct-access-key-secret-id} (AWS), into which the first ring is generated on
 * first use, so the private key never leaves AWS's keeping. Read once per container, when a direct-access token is
 * first made or checked.
 */
@Singleton
public class SigningKeys {

    static final String INITIAL_VERSION = "latchkey-initial-signing-key-0001";

    private final LatchkeyConfiguration config;
    private final LazySecretsManager secretsManager;
    private volatile SigningKeyRing ring;

    public SigningKeys(LatchkeyConfiguration config, LazySecretsManager secretsManager) {
        this.config = config;
        this.secretsManager = secretsManager;
    }

    public Optional<SigningKeyRing> ring() {
        if (ring == null) {
            synchronized (this) {
                if (ring == null) {
                    ring = load();
                }
            }
        }
        return Optional.ofNullable(ring);
    }

    /** The ring, or a clear 503 where direct access is not set up. */
    public SigningKeyRing required() {
        return ring().orElseThrow(() -> new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                "Direct-access tokens are not configured here: set latchkey.direct-access-keys or "
                        + "latchkey.direct-access-key-secret-id", List.of(), null));
    }

    private SigningKeyRing load() {
        if (config.getDirectAccessKeys() != null) {
            return SigningKeyRing.parse(config.getDirectAccessKeys());
        }
        String secretId = config.getDirectAccessKeySecretId();
        if (secretId == null) {
            return null;
        }
        try {
            SecretsManagerClient client = secretsManager.get();
            String stored = client.getSecretValue(r -> r.secretId(secretId)).secretString();
            if (stored != null && stored.contains("\"current\"")) {
                return SigningKeyRing.parse(stored);
            }
            // First use: generate. A fixed version id makes concurrent first uses converge on one ring.
            SigningKeyRing generated = SigningKeyRing.generate("k1");
            try {
                client.putSecretValue(r -> r.secretId(secretId).clientRequestToken(INITIAL_VERSION).secretString(generated.toJson()));
            } catch (SecretsManagerException raced) {
                // Another container wrote the initial ring first (same version id, other content): use theirs.
            }
            return SigningKeyRing.parse(client.getSecretValue(r -> r.secretId(secretId)).secretString());
        } catch (SecretsManagerException | software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                    "The direct-access signing keys could not be read from Secrets Manager", List.of(), e);
        }
    }
}
