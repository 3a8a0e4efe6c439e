package dev.latchkey.usecase;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.Scope;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.LocalDynamo;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After creates, idempotent creates, rotations and revocations: a scan of the whole table finds no token value and
 * no unpeppered hash of one, and nothing logged (at DEBUG, everything included) quotes a value.
 */
class NoSecretsAtRestIT {

    @Test
    void tableAndLogsHoldNoTokenValue() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        Level before = root.getLevel();
        root.setLevel(Level.DEBUG);
        List<String> values = new ArrayList<>();
        try (Backend b = Backend.start()) {
            IssuedToken owner = b.owner("acme");
            values.add(owner.value());
            b.workspace("acme", "ws-1");
            b.deployment("acme", "dep-1", "ws-1");
            for (Scope scope : Scope.values()) {
                String entity = switch (scope) {
                    case ORGANIZATION -> "acme";
                    case WORKSPACE -> "ws-1";
                    case DEPLOYMENT -> "dep-1";
                };
                String role = switch (scope) {
                    case ORGANIZATION -> "ORGANIZATION_MEMBER";
                    case WORKSPACE -> "WORKSPACE_AUTHOR";
                    case DEPLOYMENT -> "DEPLOYMENT_ADMIN";
                };
                IssuedToken t = b.bean(CreateToken.class).create(b.caller(owner), "acme",
                        new CreateTokenCommand("t-" + scope, null, scope, entity, role, 30, null), "key-" + scope);
                values.add(t.value());
                IssuedToken rotated = b.bean(RotateToken.class).rotate(b.caller(owner), "acme", t.token().id(), 60L);
                values.add(rotated.value());
                b.bean(ValidateToken.class).validate(rotated.value(), new ResourcePath("acme", "ws-1", "dep-1", null), "deployment.deploy");
                b.bean(ValidateToken.class).validate(rotated.value() + "x", ResourcePath.none(), null);
            }
            IssuedToken doomed = b.token(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER");
            values.add(doomed.value());
            b.bean(RevokeToken.class).revoke(b.caller(owner), "acme", doomed.token().id());

            List<String> forbidden = new ArrayList<>();
            for (String v : values) {
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(v.getBytes(StandardCharsets.UTF_8));
                forbidden.add(v);
                forbidden.add(v.substring(4, 47));
                forbidden.add(HexFormat.of().formatHex(sha));
                forbidden.add(Base64.getEncoder().encodeToString(sha));
                forbidden.add(Base64.getUrlEncoder().withoutPadding().encodeToString(sha));
            }
            String dump = scan(b.table());
            assertTrue(dump.contains("HASH#v1:"), "the scan must see the hash items");
            for (String f : forbidden) {
                assertFalse(dump.contains(f), "the table holds a token value or an unpeppered hash of one");
            }
        } finally {
            root.detachAppender(captured);
            root.setLevel(before);
        }
        // Other threads (DynamoDB Local's server) may still be appending: stop, then copy under the appender's lock.
        captured.stop();
        List<ILoggingEvent> events;
        synchronized (captured) {
            events = List.copyOf(captured.list);
        }
        assertFalse(events.isEmpty(), "DEBUG logging must have captured something, or this test proves nothing");
        for (ILoggingEvent event : events) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            for (String v : values) {
                assertFalse(line.contains(v.substring(4, 47)), "a log line quotes a token value: " + event.getLoggerName());
            }
        }
    }

    private static String scan(String table) {
        StringBuilder dump = new StringBuilder();
        try (DynamoDbClient client = LocalDynamo.client()) {
            client.scanPaginator(r -> r.tableName(table)).items().forEach(item -> append(dump, item));
        }
        return dump.toString();
    }

    private static void append(StringBuilder dump, Map<String, AttributeValue> item) {
        item.forEach((k, v) -> {
            dump.append(k).append('=');
            if (v.b() != null) {
                dump.append(Base64.getEncoder().encodeToString(v.b().asByteArray()))
                        .append(new String(v.b().asByteArray(), StandardCharsets.ISO_8859_1));
            } else {
                dump.append(v);
            }
            dump.append('\n');
        });
    }
}
