package dev.latchkey.bench;

import dev.latchkey.store.dynamodb.ItemKeys;
import dev.latchkey.domain.Scope;
import dev.latchkey.dynamodblocal.EmbeddedDynamoDb;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.store.dynamodb.LatchkeyTable;
import dev.latchkey.usecase.Authenticator;
import dev.latchkey.usecase.BootstrapOrganization;
import dev.latchkey.usecase.Caller;
import dev.latchkey.usecase.CreateToken;
import dev.latchkey.usecase.CreateTokenCommand;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RotateToken;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table check the load harnesses end with, on tokens made and rotated by the real use cases: consistent as
 * written, and each kind of half-changed token it exists to catch is reported by token id.
 */
class TableConsistencyTest {

    private static final String TABLE = "consistency";
    private static final String ORG = "acme";

    static EmbeddedDynamoDb dynamo;
    static ApplicationContext context;
    static DynamoDbClient client;
    static IssuedToken rotated;
    static IssuedToken untouched;

    @BeforeAll
    static void tokensMadeAndRotatedByTheUseCases() {
        dynamo = EmbeddedDynamoDb.start();
        Fixture.pointSdkAt(dynamo.endpoint());
        context = ApplicationContext.builder()
                .properties(Map.of("latchkey.table-name", TABLE, "latchkey.pepper", Fixture.DEFAULT_PEPPER))
                .start();
        client = context.getBean(DynamoDbClient.class);
        LatchkeyTable.createIfMissing(client, TABLE);
        IssuedToken owner = context.getBean(BootstrapOrganization.class).bootstrap(ORG);
        context.getBean(EntityRegistry.class).putWorkspace(ORG, "ws-1", Instant.now());
        Caller caller = context.getBean(Authenticator.class).authenticate("Bearer " + owner.value());
        CreateToken create = context.getBean(CreateToken.class);
        untouched = create.create(caller, ORG, command("untouched"), null);
        IssuedToken first = create.create(caller, ORG, command("rotated"), null);
        rotated = context.getBean(RotateToken.class).rotate(caller, ORG, first.token().id(), 0L);
    }

    private static CreateTokenCommand command(String name) {
        return new CreateTokenCommand(name, null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", null, null);
    }

    @AfterAll
    static void stop() {
        context.close();
        dynamo.stop();
    }

    @Test
    void tokensAsTheUseCasesWroteThemAreConsistent() {
        TableConsistency.Report report = TableConsistency.check(client, TABLE);
        assertTrue(report.consistent(), report.toString());
        assertEquals(3, report.tokens(), "owner, untouched, rotated");
        assertEquals(3, report.liveHashes());
        assertEquals(1, report.supersededHashes(), "the rotated token's old value");
    }

    @Test
    void aSecondLiveHashItemForOneTokenIsReported() {
        Map<String, AttributeValue> extra = liveHashItemOf(untouched.token().id(), "extra-live-hash");
        withItem(extra, () -> assertProblemAbout(untouched.token().id(), "2 LIVE hash items"));
    }

    @Test
    void aLiveHashItemWithoutItsTokenIsAnOrphan() {
        withItem(liveHashItemOf("c0000000000000000000ghost", "orphan-hash"),
                () -> assertProblemAbout("c0000000000000000000ghost", "orphan"));
    }

    @Test
    void aReplacedValueThatIsStillLiveIsReported() {
        String previous = tokenItem(rotated.token().id()).get("previousHashKey").s();
        setStatus(previous, "LIVE");
        try {
            assertProblemAbout(rotated.token().id(), "still LIVE");
            assertProblemAbout(rotated.token().id(), "2 LIVE hash items");
        } finally {
            setStatus(previous, "SUPERSEDED");
        }
    }

    @Test
    void aTokenWhoseCurrentValueIsNotLiveIsReported() {
        String current = tokenItem(untouched.token().id()).get("currentHashKey").s();
        setStatus(current, "SUPERSEDED");
        try {
            assertProblemAbout(untouched.token().id(), "current hash item is SUPERSEDED");
            assertProblemAbout(untouched.token().id(), "0 LIVE hash items");
        } finally {
            setStatus(current, "LIVE");
        }
    }

    private static void assertProblemAbout(String tokenId, String what) {
        TableConsistency.Report report = TableConsistency.check(client, TABLE);
        assertFalse(report.consistent());
        List<String> problems = report.problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains(tokenId) && p.contains(what)),
                "expected a problem about " + tokenId + " (" + what + "), got " + problems);
    }

    private static Map<String, AttributeValue> liveHashItemOf(String tokenId, String hashKey) {
        Map<String, AttributeValue> item = new HashMap<>(ItemKeys.hash(hashKey));
        item.put("tokenId", AttributeValue.fromS(tokenId));
        item.put("status", AttributeValue.fromS("LIVE"));
        return item;
    }

    private static void withItem(Map<String, AttributeValue> item, Runnable check) {
        client.putItem(r -> r.tableName(TABLE).item(item));
        try {
            check.run();
        } finally {
            client.deleteItem(r -> r.tableName(TABLE).key(ItemKeys.keyOf(item)));
        }
    }

    private static Map<String, AttributeValue> tokenItem(String tokenId) {
        return client.getItem(r -> r.tableName(TABLE).consistentRead(true).key(ItemKeys.token(ORG, tokenId))).item();
    }

    private static void setStatus(String hashKey, String status) {
        client.updateItem(r -> r.tableName(TABLE)
                .key(ItemKeys.hash(hashKey))
                .updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status))));
    }
}
