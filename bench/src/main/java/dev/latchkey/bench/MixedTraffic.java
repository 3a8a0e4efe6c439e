package dev.latchkey.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * C {@link MixedWorker}s on one thread each, running until stopped; optionally also workers that do management only
 * (a fault run wants create and rotate in flight when the backend goes away, which 1 in 101 requests rarely is).
 */
final class MixedTraffic {

    private final List<MixedWorker> workers = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private ExecutorService pool;
    private List<Future<List<Call>>> running;

    /** {@code label} makes worker (and so workspace and Idempotency-Key) names unique per run and level. */
    MixedTraffic(LatchkeyApi api, String label, int concurrency, int validatesPerOp) {
        this(api, label, concurrency, validatesPerOp, 0);
    }

    MixedTraffic(LatchkeyApi api, String label, int concurrency, int validatesPerOp, int managementOnly) {
        for (int w = 0; w < concurrency; w++) {
            workers.add(new MixedWorker(label + "-w" + w, api, validatesPerOp));
        }
        for (int m = 0; m < managementOnly; m++) {
            workers.add(new MixedWorker(label + "-m" + m, api, 0));
        }
    }

    void setUp() {
        workers.forEach(MixedWorker::setUp);
    }

    void start() {
        stopped.set(false);
        // Daemons: a harness that fails half-way must still be able to exit.
        pool = Executors.newFixedThreadPool(workers.size(), r -> {
            Thread t = new Thread(r, "mixed-worker");
            t.setDaemon(true);
            return t;
        });
        running = new ArrayList<>();
        for (MixedWorker w : workers) {
            running.add(pool.submit(() -> w.runUntil(stopped::get)));
        }
    }

    /** Stops the workers after their current request and returns every request they sent. */
    List<Call> stop() throws InterruptedException, ExecutionException {
        stopped.set(true);
        List<Call> calls = new ArrayList<>();
        try {
            for (Future<List<Call>> f : running) {
                calls.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return calls;
    }

    List<Call> runFor(Duration duration) throws InterruptedException, ExecutionException {
        start();
        Thread.sleep(duration.toMillis());
        return stop();
    }

    /** Settles every worker's operation of unknown outcome; the ids of workers still unsettled. */
    List<String> settle(int attempts, long pauseMillis) throws InterruptedException {
        List<String> unsettled = new ArrayList<>();
        for (MixedWorker w : workers) {
            if (!w.settle(attempts, pauseMillis)) {
                unsettled.add(w.id());
            }
        }
        return unsettled;
    }

    List<MixedWorker> workers() {
        return List.copyOf(workers);
    }
}
