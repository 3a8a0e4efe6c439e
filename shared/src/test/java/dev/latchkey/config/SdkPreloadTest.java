package dev.latchkey.config;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SdkPreloadTest {

    @Test
    void theThrowawayReadsRunTheWholePipelineAgainstTheCannedAnswersWithoutTheNetwork() {
        // True only if both reads were marshalled, signed, answered in memory and unmarshalled into the canned item;
        // had a request gone to DynamoDB's public endpoint it would have failed (no network, fake credentials).
        assertTrue(SdkPreload.preload());
    }

    @Test
    void onlyInLambdaAndOnlyUnlessSwitchedOff() {
        assertFalse(SdkPreload.enabled(null, null), "not in Lambda: tests, the local runner");
        assertTrue(SdkPreload.enabled("latchkey-validate", null));
        assertTrue(SdkPreload.enabled("latchkey-validate", "true"));
        assertFalse(SdkPreload.enabled("latchkey-validate", "false"));
        assertFalse(SdkPreload.enabled("latchkey-validate", "FALSE"));
    }

    @Test
    void waitingForAPreloadThatWasNeverStartedReturnsAtOnce() throws Exception {
        Thread waiter = new Thread(() -> SdkPreload.awaitCompletion(1, TimeUnit.HOURS));
        waiter.start();
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(waiter.isAlive(), "awaitCompletion blocked although no preload was started");
    }
}
