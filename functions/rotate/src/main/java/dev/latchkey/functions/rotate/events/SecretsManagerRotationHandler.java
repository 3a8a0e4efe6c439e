package dev.latchkey.functions.rotate.events;

import dev.latchkey.usecase.SecretsManagerRotation;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Secrets Manager's rotation function for Latchkey secrets: {@code {"Step", "SecretId", "ClientRequestToken"}}.
 * A step that throws makes Secrets Manager retry it; every step is idempotent.
 */
public class SecretsManagerRotationHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    @Inject
    SecretsManagerRotation rotation;

    @Override
    public Map<String, Object> execute(Map<String, Object> event) {
        String step = text(event, "Step");
        rotation.run(step, text(event, "SecretId"), text(event, "ClientRequestToken"));
        return Map.of("step", step, "done", true);
    }

    private static String text(Map<String, Object> event, String key) {
        Object value = event == null ? null : event.get(key);
        return value instanceof String s ? s : null;
    }
}
