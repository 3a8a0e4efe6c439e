package dev.latchkey.http;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceBudgetTest {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void theFirstTraceIsGrantedWhateverTheClockSays() {
        assertTrue(new TraceBudget(MINUTE).take(Long.MIN_VALUE + 1));
        assertTrue(new TraceBudget(MINUTE).take(-5));
    }

    @Test
    void thenOnlyOnceAnIntervalHasPassed() {
        TraceBudget budget = new TraceBudget(MINUTE);
        long t = 1_000_000_000L;
        assertTrue(budget.take(t));
        assertFalse(budget.take(t));
        assertFalse(budget.take(t + MINUTE - 1));
        assertTrue(budget.take(t + MINUTE));
        assertFalse(budget.take(t + MINUTE + 1));
    }

    @Test
    void concurrentFailuresGetOneTraceBetweenThem() throws Exception {
        TraceBudget budget = new TraceBudget(MINUTE);
        int[] granted = new int[1];
        Thread[] threads = new Thread[8];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int j = 0; j < 1000; j++) {
                    if (budget.take(42L)) {
                        synchronized (granted) {
                            granted[0]++;
                        }
                    }
                }
            });
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(granted[0] == 1, "granted " + granted[0] + " traces for one instant");
    }
}
