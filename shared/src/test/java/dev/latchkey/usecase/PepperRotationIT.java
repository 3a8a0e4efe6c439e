package dev.latchkey.usecase;

import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.Scope;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.LocalSecretsManager;
import dev.latchkey.testing.TestClock;
import dev.latchkey.token.PepperRing;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pepper read from its Secrets Manager secret, and a new pepper version introduced without invalidating the
 * tokens hashed under the old one.
 */
class PepperRotationIT {

    private static final String V1 = "first-pepper-0123456789-abcdefghijklmnopqrstuvw";
    private static final String V2 = "second-pepper-0123456789-abcdefghijklmnopqrstuv";

    @Test
    void tokensSurviveANewPepperVersion() {
        LocalSecretsManager.endpoint();
        try (SecretsManagerClient sm = LocalSecretsManager.client()) {
            String secret = sm.createSecret(r -> r.name("latchkey-pepper-" + System.nanoTime())
                    .secretString("{\"version\":1,\"pepper\":\"" + V1 + "\"}")).arn();
            TestClock clock = new TestClock();
            IssuedToken before;
            String table;
            try (Backend v1 = Backend.start(Map.of("latchkey.pepper-secret-id", secret), clock)) {
                assertEquals(1, v1.bean(PepperRing.class).current().version());
                before = v1.owner("acme");
                table = v1.table();
                assertTrue(before.token().values().currentHashKey().startsWith("v1:"));
            }

            sm.putSecretValue(r -> r.secretId(secret).secretString(
                    "{\"version\":2,\"pepper\":\"" + V2 + "\",\"previous\":[{\"version\":1,\"pepper\":\"" + V1 + "\"}]}"));
            try (Backend v2 = Backend.startOn(table, Map.of("latchkey.pepper-secret-id", secret), clock)) {
                assertEquals(2, v2.bean(PepperRing.class).current().version());
                assertEquals(ValidateToken.Code.VALID,
                        v2.bean(ValidateToken.class).validate(before.value(), ResourcePath.none(), null).code(),
                        "a value hashed under version 1 still validates");
                IssuedToken after = v2.token(before, "acme", Scope.ORGANIZATION, "acme", "ORGANIZATION_MEMBER");
                assertTrue(after.token().values().currentHashKey().startsWith("v2:"), "new values hash with the current pepper");
                assertEquals(ValidateToken.Code.VALID, v2.bean(ValidateToken.class).validate(after.value(), ResourcePath.none(), null).code());
            }
        }
    }
}
