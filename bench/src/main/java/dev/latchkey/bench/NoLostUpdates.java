package dev.latchkey.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * After mixed traffic: the runner agrees with what every worker was told. Each token's latest value validates VALID
 * as that very token; each value a worker replaced does not; the organization's token list holds exactly the workers'
 * tokens and the owner's. Problems name token ids and answer codes only.
 *
 * <p>With a {@link CrashWindow} (the backend was killed), one more outcome is told apart instead of reported as a
 * problem: a change acknowledged just before the kill that the backend then lost whole, so the token is exactly as it
 * was before that change (its latest value NOT_FOUND, the value it replaced VALID again; or, for a create, no token).
 * DynamoDB Local does that to the last TransactWriteItems it acknowledged before a SIGKILL (docs/benchmarks.md
 * section 5); DynamoDB does not acknowledge a write it has not made durable.
 */
final class NoLostUpdates {

    private static final int PAGE = 1000;

    /** Changes whose 200 arrived inside [from, to] (nanoTime) may have been lost by a crashing backend. */
    record CrashWindow(long fromNanos, long toNanos) {
        static final CrashWindow NONE = new CrashWindow(Long.MAX_VALUE, Long.MIN_VALUE);

        boolean covers(long nanos) {
            return nanos >= fromNanos && nanos <= toNanos;
        }
    }

    record Report(int latestChecked, int replacedChecked, Map<String, Integer> replacedCodes, int listed,
                  int lostRotationAnswers, List<String> undoneByBackend, List<String> problems) {
        boolean holds() {
            return problems.isEmpty();
        }

        @Override
        public String toString() {
            return latestChecked + " latest values checked, " + replacedChecked + " replaced values " + replacedCodes
                    + ", list holds " + listed + " tokens (the workers' and the owner's), rotations whose answer was lost: "
                    + lostRotationAnswers + ", changes undone by the backend: " + undoneByBackend.size() + undoneByBackend
                    + "; " + (holds() ? "no lost update" : problems.size() + " problems: " + problems.subList(0, Math.min(10, problems.size())));
        }
    }

    private NoLostUpdates() {
    }

    static Report check(LatchkeyApi api, List<MixedWorker> workers) {
        return check(api, workers, CrashWindow.NONE);
    }

    static Report check(LatchkeyApi api, List<MixedWorker> workers, CrashWindow crash) {
        List<String> problems = new ArrayList<>();
        List<String> undone = new ArrayList<>();
        Set<String> expectedIds = new HashSet<>();
        Map<String, Integer> replacedCodes = new TreeMap<>();
        int latest = 0;
        int replaced = 0;
        int lost = 0;
        for (MixedWorker w : workers) {
            lost += w.tokens().lostRotationAnswers();
            if (w.unexpectedProbeAnswers() > 0) {
                problems.add("worker " + w.id() + ": " + w.unexpectedProbeAnswers() + " probes answered neither VALID nor REVOKED");
            }
            Set<String> validAgain = new HashSet<>();
            for (Map.Entry<String, String> e : w.tokens().latestValues().entrySet()) {
                String tokenId = e.getKey();
                expectedIds.add(tokenId);
                latest++;
                if (e.getValue() == null) {
                    problems.add("token " + tokenId + ": its latest value is unknown to worker " + w.id());
                    continue;
                }
                HttpCall.Reply reply = api.validate(e.getValue(), w.workspaceId());
                if (isValidAs(reply, tokenId)) {
                    continue;
                }
                WorkerTokens.Change change = w.tokens().lastChange(tokenId);
                if (undoneWhole(api, w, tokenId, reply, change, crash)) {
                    undone.add(tokenId + (change.previousValue() == null ? " (create)" : " (rotation)"));
                    if (change.previousValue() == null) {
                        expectedIds.remove(tokenId);
                    } else {
                        validAgain.add(change.previousValue());
                    }
                } else {
                    problems.add("token " + tokenId + ": its latest value answered " + reply.status() + " "
                            + LatchkeyApi.json(reply).path("code").asText());
                }
            }
            for (String value : w.tokens().replacedValues()) {
                if (validAgain.contains(value)) {
                    continue;
                }
                replaced++;
                HttpCall.Reply reply = api.validate(value, w.workspaceId());
                String code = LatchkeyApi.json(reply).path("code").asText();
                replacedCodes.merge(reply.status() + " " + code, 1, Integer::sum);
                if (reply.status() != 200 || LatchkeyApi.json(reply).path("valid").asBoolean(true)) {
                    problems.add("a value replaced by worker " + w.id() + " answered " + reply.status() + " " + code);
                }
            }
        }
        String ownerId = LatchkeyApi.json(api.validate(api.ownerToken(), null)).path("token").path("id").asText();
        expectedIds.add(ownerId);
        Set<String> listed = listedIds(api, problems);
        compare(expectedIds, listed, problems);
        return new Report(latest, replaced, replacedCodes, listed.size(), lost, undone, problems);
    }

    /**
     * The change was answered inside the crash window, its value is unknown to the table, and what it replaced is the
     * token's live value again (a create: nothing to check here, the list check sees that the token is gone).
     */
    private static boolean undoneWhole(LatchkeyApi api, MixedWorker w, String tokenId, HttpCall.Reply latest,
                                       WorkerTokens.Change change, CrashWindow crash) {
        if (change == null || !crash.covers(change.answeredAtNanos()) || latest.status() != 200
                || !"NOT_FOUND".equals(LatchkeyApi.json(latest).path("code").asText())) {
            return false;
        }
        return change.previousValue() == null || isValidAs(api.validate(change.previousValue(), w.workspaceId()), tokenId);
    }

    private static boolean isValidAs(HttpCall.Reply reply, String tokenId) {
        return LatchkeyApi.isValid(reply) && tokenId.equals(LatchkeyApi.json(reply).path("token").path("id").asText());
    }

    private static Set<String> listedIds(LatchkeyApi api, List<String> problems) {
        Set<String> ids = new HashSet<>();
        for (int offset = 0; ; offset += PAGE) {
            HttpCall.Reply page = api.listPage(offset, PAGE);
            JsonNode tokens = LatchkeyApi.json(page).path("tokens");
            if (page.status() != 200 || !tokens.isArray()) {
                problems.add("the list route answered " + page.status() + " at offset " + offset);
                return ids;
            }
            tokens.forEach(t -> ids.add(t.path("id").asText()));
            if (tokens.size() < PAGE) {
                return ids;
            }
        }
    }

    private static void compare(Set<String> expected, Set<String> listed, List<String> problems) {
        for (String id : expected) {
            if (!listed.contains(id)) {
                problems.add("token " + id + " is missing from the list");
            }
        }
        for (String id : listed) {
            if (!expected.contains(id)) {
                problems.add("token " + id + " is listed but no worker created it");
            }
        }
    }
}
