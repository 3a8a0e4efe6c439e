package dev.latchkey.cli;

import dev.latchkey.local.LocalRunner;

/** The one place the tests start a local runner, so that a change to the runner's test API touches one class. */
final class LocalApi implements AutoCloseable {
    static final String ORGANIZATION = "demo-org";
    private final LocalRunner.Running running;

    private LocalApi(LocalRunner.Running running) {
        this.running = running;
    }

    static LocalApi start() {
        return new LocalApi(LocalRunner.start(LocalRunner.options(0, ORGANIZATION)));
    }

    String url() {
        return "http://127.0.0.1:" + running.port();
    }

    String ownerToken() {
        return running.ownerToken().value();
    }

    @Override
    public void close() {
        running.stop();
    }
}
