package dev.latchkey.bench;

import dev.latchkey.store.dynamodb.ItemKeys;
import dev.latchkey.local.LocalRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mixed-load harness against a real runner in this JVM, briefly: its workers' requests all succeed, its checks
 * hold after real creates and rotations; after a crash they accept a rotation the backend undid whole, and never a
 * rotation the workers were not told about. Nothing here is timed; {@code bench/mixed.sh} measures.
 */
class MixedLoadSmokeTest {

    static LocalRunner.Running runner;
    static LatchkeyApi api;

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(LocalRunner.options(0, "smoke-org"));
        runner.warmUp();   // the functions start at their first request otherwise, and the traffic runs for 1 s only
        api = new LatchkeyApi(URI.create("http://127.0.0.1:" + runner.port()), "smoke-org", runner.ownerToken().value());
    }

    @AfterAll
    static void stop() {
        runner.stop();
    }

    @Test
    void workersSucceedNothingIsLostAndTheChecksTellABackendUndoFromAHiddenRotation() throws Exception {
        MixedTraffic traffic = new MixedTraffic(api, "smoke", 2, 3, 1);
        traffic.setUp();
        // One-second rounds until every kind of request was sent (a loaded machine may need more than one), at most 20.
        List<Call> calls = new java.util.ArrayList<>();
        for (int round = 0; round < 20 && !everyKindSent(calls); round++) {
            calls.addAll(traffic.runFor(Duration.ofSeconds(1)));
        }

        assertTrue(everyKindSent(calls), "validates, creates and rotations were sent");
        assertEquals(List.of(), calls.stream().filter(c -> !c.succeeded()).map(c -> c.op() + " " + c.status()).toList());
        NoLostUpdates.Report values = NoLostUpdates.check(api, traffic.workers());
        assertTrue(values.holds(), values.toString());
        assertTrue(values.replacedChecked() > 0, "some values were replaced and checked dead");
        Fixture.pointSdkAt(runner.dynamo().endpoint());
        try (DynamoDbClient client = Fixture.sdkClient()) {
            TableConsistency.Report table = TableConsistency.check(client, "latchkey");
            assertTrue(table.consistent(), table.toString());
            assertEquals(values.listed(), table.tokens(), "the list and the table hold the same tokens");

            MixedWorker worker = traffic.workers().get(traffic.workers().size() - 1);
            String undone = worker.tokens().tokenIds().stream()
                    .filter(id -> worker.tokens().lastChange(id).previousValue() != null).findFirst().orElseThrow();
            undoLastRotation(client, undone);
            NoLostUpdates.Report strict = NoLostUpdates.check(api, traffic.workers());
            assertTrue(strict.problems().stream().anyMatch(p -> p.contains(undone) && p.contains("NOT_FOUND")), strict.toString());
            NoLostUpdates.Report afterCrash = NoLostUpdates.check(api, traffic.workers(),
                    new NoLostUpdates.CrashWindow(Long.MIN_VALUE, Long.MAX_VALUE));
            assertTrue(afterCrash.holds(), afterCrash.toString());
            assertEquals(List.of(undone + " (rotation)"), afterCrash.undoneByBackend());
        }

        String hidden = traffic.workers().get(0).tokens().tokenIds().get(0);
        assertEquals(200, api.rotate(hidden).status(), "a rotation behind the worker's back");
        NoLostUpdates.Report after = NoLostUpdates.check(api, traffic.workers(), new NoLostUpdates.CrashWindow(Long.MIN_VALUE, Long.MAX_VALUE));
        assertFalse(after.holds(), "a change the backend made is no crash loss, even inside the window");
        assertTrue(after.problems().stream().anyMatch(p -> p.contains(hidden) && p.contains("latest value")), after.toString());
    }

    /** What a backend that lost the rotation's transaction leaves: the token exactly as before it. */
    private static void undoLastRotation(DynamoDbClient client, String tokenId) {
        Map<String, AttributeValue> tokenKey = ItemKeys.token("smoke-org", tokenId);
        Map<String, AttributeValue> token = client.getItem(r -> r.tableName("latchkey").consistentRead(true).key(tokenKey)).item();
        String current = token.get("currentHashKey").s();
        String previous = token.get("previousHashKey").s();
        client.deleteItem(r -> r.tableName("latchkey").key(ItemKeys.hash(current)));
        client.updateItem(r -> r.tableName("latchkey").key(ItemKeys.hash(previous))
                .updateExpression("SET #s = :live REMOVE validUntil, expiresAt")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":live", AttributeValue.fromS("LIVE"))));
        client.updateItem(r -> r.tableName("latchkey").key(tokenKey)
                .updateExpression("SET currentHashKey = :previous REMOVE previousHashKey")
                .expressionAttributeValues(Map.of(":previous", AttributeValue.fromS(previous))));
    }

    static boolean everyKindSent(List<Call> calls) {
        return calls.stream().anyMatch(c -> c.op() == Call.Op.CREATE) && calls.stream().anyMatch(c -> c.op() == Call.Op.ROTATE)
                && calls.stream().anyMatch(c -> c.op() == Call.Op.VALIDATE);
    }
}
