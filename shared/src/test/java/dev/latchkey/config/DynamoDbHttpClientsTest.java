package dev.latchkey.config;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpClient;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every name latchkey.dynamodb-http-client accepts builds its client; anything else is a configuration error. */
class DynamoDbHttpClientsTest {

    @ParameterizedTest
    @ValueSource(strings = {"url-connection", "apache", "crt", " Apache "})
    void eachNamedClientBuilds(String name) {
        try (SdkHttpClient client = DynamoDbHttpClients.builder(name, Duration.ofMillis(500)).build()) {
            assertNotNull(client.clientName());
        }
    }

    @Test
    void anUnknownNameSaysWhatIsAccepted() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> DynamoDbHttpClients.builder("netty", Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("url-connection, apache or crt"), e.getMessage());
    }
}
