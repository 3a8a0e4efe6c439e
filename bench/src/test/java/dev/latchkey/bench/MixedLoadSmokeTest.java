package dev.latchkey.bench;

import dev.latchkey.local.LocalRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mixed-load harness against a real runner in this JVM, briefly: its workers' requests all succeed, its checks
 * hold after real creates and rotations, and they do catch a rotation the workers were never told about. Nothing here
 * is timed; {@code bench/mixed.sh} measures.
 */
class MixedLoadSmokeTest {

    static LocalRunner.Running runner;
    static LatchkeyApi api;

    @BeforeAll
    static void start() {
        runner = LocalRunner.start(LocalRunner.options(0, "smoke-org"));
        api = new LatchkeyApi(URI.create("http://127.0.0.1:" + runner.port()), "smoke-org", runner.ownerToken().value());
    }

    @AfterAll
    static void stop() {
        runner.stop();
    }

    @Test
    void workersSucceedAndNothingIsLostThenAHiddenRotationIsCaught() throws Exception {
        MixedTraffic traffic = new MixedTraffic(api, "smoke", 2, 3, 1);
        traffic.setUp();
        List<Call> calls = traffic.runFor(Duration.ofSeconds(1));

        assertTrue(calls.stream().anyMatch(c -> c.op() == Call.Op.CREATE) && calls.stream().anyMatch(c -> c.op() == Call.Op.ROTATE)
                && calls.stream().anyMatch(c -> c.op() == Call.Op.VALIDATE), "validates, creates and rotations were sent");
        assertEquals(List.of(), calls.stream().filter(c -> !c.succeeded()).map(c -> c.op() + " " + c.status()).toList());
        NoLostUpdates.Report values = NoLostUpdates.check(api, traffic.workers());
        assertTrue(values.holds(), values.toString());
        assertTrue(values.replacedChecked() > 0, "some values were replaced and checked dead");
        Fixture.pointSdkAt(runner.dynamo().endpoint());
        try (DynamoDbClient client = Fixture.sdkClient()) {
            TableConsistency.Report table = TableConsistency.check(client, "latchkey");
            assertTrue(table.consistent(), table.toString());
            assertEquals(values.listed(), table.tokens(), "the list and the table hold the same tokens");
        }

        MixedWorker worker = traffic.workers().get(0);
        String tokenId = worker.tokens().tokenIds().get(0);
        assertEquals(200, api.rotate(tokenId).status(), "a rotation behind the worker's back");
        NoLostUpdates.Report after = NoLostUpdates.check(api, traffic.workers());
        assertFalse(after.holds());
        assertTrue(after.problems().stream().anyMatch(p -> p.contains(tokenId) && p.contains("latest value")), after.toString());
    }
}
