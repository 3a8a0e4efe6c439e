package dev.latchkey.store.secretsmanager;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.SigningKeySecrets;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

import java.util.List;
import java.util.function.Supplier;

/** {@link SigningKeySecrets} on AWS Secrets Manager; the version id is the put's client request token. */
public final class SecretsManagerSigningKeySecrets implements SigningKeySecrets {

    private final Supplier<SecretsManagerClient> clients;

    /** {@code clients} may build the client on first use; it is asked on every call, never at construction. */
    public SecretsManagerSigningKeySecrets(Supplier<SecretsManagerClient> clients) {
        this.clients = clients;
    }

    @Override
    public String read(String secretId) {
        try {
            return clients.get().getSecretValue(r -> r.secretId(secretId)).secretString();
        } catch (SecretsManagerException | SdkClientException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean write(String secretId, String versionId, String value) {
        try {
            clients.get().putSecretValue(r -> r.secretId(secretId).clientRequestToken(versionId).secretString(value));
            return true;
        } catch (SecretsManagerException refused) {
            return false;
        } catch (SdkClientException e) {
            throw unavailable(e);
        }
    }

    private static LatchkeyException unavailable(RuntimeException cause) {
        return new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                "The direct-access keys could not be read from Secrets Manager", List.of(), cause);
    }
}
