package dev.latchkey.store;

/**
 * Where hygiene events go: EventBridge's default bus in AWS (the rotate function's implementation), JSON lines in a
 * file or on stdout locally ({@code latchkey.events-file}, {@link dev.latchkey.store.events.JsonLinesTokenEvents}).
 */
public interface TokenEvents {

    /**
     * Sends one event and returns once it was accepted.
     *
     * @throws dev.latchkey.error.LatchkeyException BACKEND_UNAVAILABLE or BACKEND_FAILED when it was not
     */
    void publish(TokenNotice notice);
}
