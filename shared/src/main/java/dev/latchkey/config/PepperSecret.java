package dev.latchkey.config;

import dev.latchkey.token.Pepper;
import dev.latchkey.token.PepperRing;
import io.micronaut.context.exceptions.ConfigurationException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pepper secret's format. The template generates {@code {"version":1,"pepper":"<48 chars>"}}; introducing a new
 * pepper means writing {@code {"version":2,"pepper":"<new>","previous":[{"version":1,"pepper":"<old>"}]}}, after which
 * new values hash with version 2 and existing ones still validate under version 1. A plain string is one pepper.
 */
final class PepperSecret {

    private static final Pattern PREVIOUS = Pattern.compile("\"previous\"\\s*:\\s*\\[(.*?)]", Pattern.DOTALL);
    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*}");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    private static final Pattern PEPPER = Pattern.compile("\"pepper\"\\s*:\\s*\"([^\"]+)\"");

    private PepperSecret() {
    }

    static PepperRing parse(String secret, int defaultVersion) {
        if (secret == null || secret.isBlank()) {
            throw new ConfigurationException("The pepper secret is empty");
        }
        String trimmed = secret.strip();
        if (!trimmed.startsWith("{")) {
            return new PepperRing(List.of(pepper(defaultVersion, trimmed)));
        }
        List<Pepper> peppers = new ArrayList<>();
        Matcher previous = PREVIOUS.matcher(trimmed);
        String top = trimmed;
        if (previous.find()) {
            Matcher each = OBJECT.matcher(previous.group(1));
            while (each.find()) {
                peppers.add(entry(each.group()));
            }
            top = trimmed.substring(0, previous.start()) + trimmed.substring(previous.end());
        }
        peppers.add(entry(top));
        return new PepperRing(peppers);
    }

    private static Pepper entry(String json) {
        Matcher version = VERSION.matcher(json);
        Matcher pepper = PEPPER.matcher(json);
        if (!version.find() || !pepper.find()) {
            throw new ConfigurationException("Each pepper in the secret needs a \"version\" and a \"pepper\"");
        }
        return pepper(Integer.parseInt(version.group(1)), pepper.group(1));
    }

    private static Pepper pepper(int version, String value) {
        if (value.length() < 32) {
            throw new ConfigurationException("A pepper must be at least 32 characters");
        }
        return new Pepper(version, value.getBytes(StandardCharsets.UTF_8));
    }
}
