package dev.latchkey.config;

import dev.latchkey.token.PepperRing;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PepperSecretTest {

    private static final String P1 = "a".repeat(48);
    private static final String P2 = "b".repeat(48);

    @Test
    void theTemplatesGeneratedSecretIsVersionOne() {
        PepperRing ring = PepperSecret.parse("{\"version\":1,\"pepper\":\"" + P1 + "\"}", 9);
        assertEquals(1, ring.current().version());
        assertEquals(1, ring.all().size());
    }

    @Test
    void aNewPepperKeepsThePreviousOnesForValidation() {
        PepperRing ring = PepperSecret.parse("{\"pepper\":\"" + P2 + "\",\"version\":2,\"previous\":[{\"version\":1,\"pepper\":\"" + P1 + "\"}]}", 9);
        assertEquals(2, ring.current().version());
        assertEquals(2, ring.all().size());
        assertEquals(1, ring.all().get(1).version());
    }

    @Test
    void aPlainStringIsOnePepperOfTheConfiguredVersion() {
        assertEquals(3, PepperSecret.parse(P1, 3).current().version());
    }

    @Test
    void brokenSecretsAreConfigurationErrors() {
        assertThrows(ConfigurationException.class, () -> PepperSecret.parse("", 1));
        assertThrows(ConfigurationException.class, () -> PepperSecret.parse("{\"version\":1}", 1));
        assertThrows(ConfigurationException.class, () -> PepperSecret.parse("{\"version\":1,\"pepper\":\"short\"}", 1));
        assertThrows(ConfigurationException.class, () -> PepperSecret.parse("short", 1));
    }
}
