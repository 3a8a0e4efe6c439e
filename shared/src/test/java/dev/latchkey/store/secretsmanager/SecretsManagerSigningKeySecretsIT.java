package dev.latchkey.store.secretsmanager;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.testing.LocalSecretsManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signing-key store on Secrets Manager (moto): what SigningKeys relies on for its one-ring convergence. */
class SecretsManagerSigningKeySecretsIT {

    static SecretsManagerClient sm;
    static SecretsManagerSigningKeySecrets secrets;

    @BeforeAll
    static void moto() {
        LocalSecretsManager.endpoint();
        sm = LocalSecretsManager.client();
        secrets = new SecretsManagerSigningKeySecrets(() -> sm);
    }

    @Test
    void aWrittenVersionIsReadBackAndAnotherValueUnderItsIdIsRefused() {
        String id = sm.createSecret(r -> r.name("latchkey-signing-store-" + System.nanoTime()).secretString("{}")).arn();
        assertEquals("{}", secrets.read(id));

        assertTrue(secrets.write(id, "latchkey-initial-signing-key-0001", "{\"ring\":1}"));
        assertEquals("{\"ring\":1}", secrets.read(id));
        assertFalse(secrets.write(id, "latchkey-initial-signing-key-0001", "{\"ring\":2}"), "the loser of a race is refused");
        assertEquals("{\"ring\":1}", secrets.read(id), "and the winner's value stays");
    }

    @Test
    void aMissingSecretIsA503() {
        LatchkeyException e = assertThrows(LatchkeyException.class, () -> secrets.read("latchkey-no-such-secret-" + System.nanoTime()));
        assertEquals(LatchkeyException.Kind.BACKEND_UNAVAILABLE, e.kind());
    }
}
