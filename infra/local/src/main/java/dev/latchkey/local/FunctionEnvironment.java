package dev.latchkey.local;

import dev.latchkey.local.template.SamTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * A function's Environment.Variables from the template (Globals and its own), turned into what the same function gets
 * locally, as Micronaut properties of its own context: parameters take their Default, the table its local name, and
 * the two secrets Lambda reads from Secrets Manager (pepper, direct-access signing keys) are given as plain values made
 * by the runner. A variable the runner does not know fails the start, so a new one in the template cannot be
 * forgotten here.
 *
 * @param tableName             the local table
 * @param pepper                the local pepper
 * @param directAccessKeys      the signing key ring made at start, as JSON
 * @param secretsManagerEnabled whether a Secrets Manager endpoint is configured
 * @param eventsFile            the scheduled functions' JSON-lines events file ({@code -}: stdout), or null to send
 *                              them to EventBridge (an endpoint the SDK reads from AWS_ENDPOINT_URL_EVENTBRIDGE)
 */
record FunctionEnvironment(String tableName, String pepper, String directAccessKeys, boolean secretsManagerEnabled,
                           String eventsFile) {

    /** The Micronaut property each variable of the template sets (the spelling its {@code @Property} reads). */
    private static final Map<String, String> PROPERTIES = Map.of(
            "LATCHKEY_TABLE_NAME", "latchkey.table-name",
            "LATCHKEY_TOKEN_PREFIX", "latchkey.token-prefix",
            "LATCHKEY_SECRET_NAME_PREFIX", "latchkey.secret-name-prefix",
            "LATCHKEY_MAX_GRACE_PERIOD_SECONDS", "latchkey.max-grace-period-seconds",
            "LATCHKEY_AUTHORIZER_PERMISSION", "latchkey.authorizer.permission",
            "LATCHKEY_AUTHORIZER_ORGANIZATION_ID", "latchkey.authorizer.organization-id",
            "LATCHKEY_DYNAMODB_HTTP_CLIENT", "latchkey.dynamodb-http-client",
            // Only read where metrics are written (Lambda, or latchkey.metrics.enabled); harmless locally.
            "LATCHKEY_METRICS_NAMESPACE", "latchkey.metrics.namespace");

    Properties forFunction(SamTemplate template, SamTemplate.Function function) {
        Properties out = new Properties();
        out.setProperty("latchkey.secrets-manager-enabled", Boolean.toString(secretsManagerEnabled));
        // The schedule's function sends the hygiene events; locally to a file unless an EventBridge is configured.
        if (eventsFile != null && !function.schedules().isEmpty()) {
            out.setProperty("latchkey.events-file", eventsFile);
        }
        for (Map.Entry<String, Object> variable : function.environment().entrySet()) {
            String name = variable.getKey();
            String where = function.id() + ".Environment.Variables." + name;
            switch (name) {
                // Lambda reads these secrets by id; locally there is no Secrets Manager for them, so the values.
                case "LATCHKEY_PEPPER_SECRET_ID" -> out.setProperty("latchkey.pepper", pepper);
                // Verifiers get the public half in AWS; the local ring holds both halves, as the runner always gave.
                case "LATCHKEY_DIRECT_ACCESS_KEY_SECRET_ID", "LATCHKEY_DIRECT_ACCESS_PUBLIC_KEY_SECRET_ID" ->
                        out.setProperty("latchkey.direct-access-keys", directAccessKeys);
                // Stack-specific names in AWS (conditions on the stack's id); locally the configuration's defaults.
                case "LATCHKEY_DIRECT_ACCESS_ISSUER", "LATCHKEY_DIRECT_ACCESS_AUDIENCE" -> {
                }
                // JVM flags of Lambda's JVM: the runner's own JVM has its flags already.
                case "JAVA_TOOL_OPTIONS" -> {
                }
                case "LATCHKEY_TABLE_NAME" -> out.setProperty(PROPERTIES.get(name), tableName);
                default -> {
                    String property = PROPERTIES.get(name);
                    if (property == null) {
                        throw new IllegalStateException(where + " is not known to the local runner; map it in "
                                + FunctionEnvironment.class.getSimpleName());
                    }
                    String value = template.resolveParameter(variable.getValue(), where);
                    // An empty parameter means "unset" for these optional settings, as an empty variable does.
                    if (!value.isEmpty() || name.equals("LATCHKEY_SECRET_NAME_PREFIX")) {
                        out.setProperty(property, value);
                    }
                }
            }
        }
        return out;
    }

    static byte[] bytes(Properties properties) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            properties.store(out, "template.yaml's environment of this function, for the local runner");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
