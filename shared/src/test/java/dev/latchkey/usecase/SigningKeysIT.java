package dev.latchkey.usecase;

import dev.latchkey.testing.Backend;
import dev.latchkey.testing.LocalSecretsManager;
import dev.latchkey.testing.TestClock;
import dev.latchkey.token.direct.SigningKeyRing;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct-access key ring in Secrets Manager (moto): generated once on first use, then shared by every container. */
class SigningKeysIT {

    @Test
    void theFirstUseGeneratesTheRingAndEveryLaterUseReadsTheSameOne() {
        LocalSecretsManager.endpoint();
        try (SecretsManagerClient sm = LocalSecretsManager.client()) {
            String secret = sm.createSecret(r -> r.name("latchkey-signing-" + System.nanoTime()).secretString("{}")).arn();
            Map<String, Object> props = Map.of("latchkey.direct-access-key-secret-id", secret);
            String kid;
            String publicKeys;
            try (Backend first = Backend.start(props, new TestClock())) {
                SigningKeyRing ring = first.bean(SigningKeys.class).required();
                kid = ring.current().kid();
                publicKeys = ring.toJwks();
                assertTrue(sm.getSecretValue(r -> r.secretId(secret)).secretString().contains("\"d\""), "the private key is kept in the secret");
            }
            try (Backend second = Backend.start(props, new TestClock())) {
                SigningKeyRing ring = second.bean(SigningKeys.class).required();
                assertEquals(kid, ring.current().kid());
                assertEquals(publicKeys, ring.toJwks(), "a second container uses the same keys, not a new pair");
            }
        }
    }
}
