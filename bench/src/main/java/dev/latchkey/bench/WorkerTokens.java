package dev.latchkey.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one load worker knows about the tokens it made: each token's latest value, and every value it replaced. Only
 * its own worker rotates a token, so without faults this is exactly the table's truth; after a fault a rotation whose
 * answer was lost leaves the value unknown until the worker rotates again.
 */
final class WorkerTokens {

    /**
     * The last change a worker was told about: the value it replaced (null for a create) and when the 200 arrived. A
     * backend that loses acknowledged writes when it crashes undoes exactly such a change; {@link NoLostUpdates} tells
     * that apart from a token left half-changed.
     */
    record Change(String previousValue, long answeredAtNanos) {
    }

    /** Token id to its latest value; null while unknown (a rotation went through but its answer never arrived). */
    private final Map<String, String> latest = new LinkedHashMap<>();
    private final Map<String, Change> lastChange = new LinkedHashMap<>();
    private final List<String> replaced = new ArrayList<>();
    private int lostRotationAnswers;

    void created(String tokenId, String value, long answeredAtNanos) {
        latest.put(tokenId, value);
        lastChange.put(tokenId, new Change(null, answeredAtNanos));
    }

    void rotated(String tokenId, String newValue, long answeredAtNanos) {
        String old = latest.put(tokenId, newValue);
        if (old != null) {
            replaced.add(old);
        }
        lastChange.put(tokenId, new Change(old, answeredAtNanos));
    }

    /** A rotation happened server-side but its answer was lost: the latest value is now unknown, the old one dead. */
    void rotationAnswerLost(String tokenId) {
        String old = latest.put(tokenId, null);
        if (old != null) {
            replaced.add(old);
        }
        lostRotationAnswers++;
    }

    Change lastChange(String tokenId) {
        return lastChange.get(tokenId);
    }

    String latest(String tokenId) {
        return latest.get(tokenId);
    }

    List<String> tokenIds() {
        return List.copyOf(latest.keySet());
    }

    Map<String, String> latestValues() {
        return Collections.unmodifiableMap(latest);
    }

    List<String> replacedValues() {
        return Collections.unmodifiableList(replaced);
    }

    int lostRotationAnswers() {
        return lostRotationAnswers;
    }
}
