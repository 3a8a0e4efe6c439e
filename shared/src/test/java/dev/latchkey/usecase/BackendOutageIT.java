package dev.latchkey.usecase;

import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.Scope;
import dev.latchkey.dynamodblocal.EmbeddedDynamoDb;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.TokenStore;
import dev.latchkey.store.dynamodb.LatchkeyTable;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.PrivateDynamoFactory;
import dev.latchkey.testing.TestClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table goes away and comes back: while it is down, validate and management fail as BACKEND_UNAVAILABLE (503 at
 * the edge) and change nothing; when it is back, the same context works again without a restart, and every token has
 * exactly its live hash items.
 */
class BackendOutageIT {

    @Test
    void anOutageIsA503AndLeavesNoHalfChangedToken() throws Exception {
        Path data = Files.createTempDirectory("latchkey-outage");
        EmbeddedDynamoDb dynamo = EmbeddedDynamoDb.start(0, data);
        int port = dynamo.port();
        String table = "outage";
        Map<String, Object> props = Map.of("test.dynamodb.endpoint", dynamo.endpoint().toString());
        try (Backend b = Backend.startOn(table, props, new TestClock(), PrivateDynamoFactory.ENVIRONMENT)) {
            LatchkeyTable.createIfMissing(b.bean(DynamoDbClient.class), table);
            IssuedToken owner = b.owner("acme");
            b.workspace("acme", "ws-1");
            IssuedToken t = b.token(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER");
            var caller = b.caller(owner);

            dynamo.stop();
            LatchkeyException validate = assertThrows(LatchkeyException.class,
                    () -> b.bean(ValidateToken.class).validate(t.value(), ResourcePath.none(), null));
            assertEquals(LatchkeyException.Kind.BACKEND_UNAVAILABLE, validate.kind());
            LatchkeyException rotate = assertThrows(LatchkeyException.class,
                    () -> b.bean(RotateToken.class).rotate(caller, "acme", t.token().id(), 0L));
            assertEquals(LatchkeyException.Kind.BACKEND_UNAVAILABLE, rotate.kind());

            dynamo = EmbeddedDynamoDb.start(port, data);
            assertEquals(ValidateToken.Code.VALID, b.bean(ValidateToken.class).validate(t.value(), ResourcePath.none(), null).code(),
                    "the same context recovers on its own, and the failed rotation changed nothing");
            IssuedToken rotated = b.bean(RotateToken.class).rotate(caller, "acme", t.token().id(), 0L);
            assertEquals(ValidateToken.Code.VALID, b.bean(ValidateToken.class).validate(rotated.value(), ResourcePath.none(), null).code());

            assertEveryTokenHasExactlyItsLiveHashes(b.bean(DynamoDbClient.class), table, b.bean(TokenStore.class).list("acme"));
        } finally {
            dynamo.stop();
        }
    }

    private static void assertEveryTokenHasExactlyItsLiveHashes(DynamoDbClient client, String table, List<ApiToken> tokens) {
        Set<String> liveHashOwners = new HashSet<>();
        int live = 0;
        for (Map<String, AttributeValue> item : client.scanPaginator(r -> r.tableName(table)).items()) {
            if (item.get("pk").s().startsWith("HASH#") && "LIVE".equals(item.get("status").s())) {
                live++;
                liveHashOwners.add(item.get("tokenId").s());
            }
        }
        assertEquals(tokens.size(), live, "one live hash per token, no orphan");
        for (ApiToken token : tokens) {
            assertTrue(liveHashOwners.contains(token.id()), "token " + token.id() + " has its live hash");
        }
    }
}
