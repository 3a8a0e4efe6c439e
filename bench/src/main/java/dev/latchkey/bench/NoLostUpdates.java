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
 */
final class NoLostUpdates {

    private static final int PAGE = 1000;

    record Report(int latestChecked, int replacedChecked, Map<String, Integer> replacedCodes, int listed,
                  int lostRotationAnswers, List<String> problems) {
        boolean holds() {
            return problems.isEmpty();
        }

        @Override
        public String toString() {
            return latestChecked + " latest values VALID, " + replacedChecked + " replaced values refused " + replacedCodes
                    + ", list holds " + listed + " tokens (the workers' and the owner's), rotations whose answer was lost: "
                    + lostRotationAnswers + "; " + (holds() ? "no lost update" : problems.size() + " problems: "
                    + problems.subList(0, Math.min(10, problems.size())));
        }
    }

    private NoLostUpdates() {
    }

    static Report check(LatchkeyApi api, List<MixedWorker> workers) {
        List<String> problems = new ArrayList<>();
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
            for (Map.Entry<String, String> e : w.tokens().latestValues().entrySet()) {
                expectedIds.add(e.getKey());
                latest++;
                if (e.getValue() == null) {
                    problems.add("token " + e.getKey() + ": its latest value is unknown to worker " + w.id());
                    continue;
                }
                HttpCall.Reply reply = api.validate(e.getValue(), w.workspaceId());
                if (!LatchkeyApi.isValid(reply) || !e.getKey().equals(LatchkeyApi.json(reply).path("token").path("id").asText())) {
                    problems.add("token " + e.getKey() + ": its latest value answered " + reply.status() + " "
                            + LatchkeyApi.json(reply).path("code").asText());
                }
            }
            for (String value : w.tokens().replacedValues()) {
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
        return new Report(latest, replaced, replacedCodes, listed.size(), lost, problems);
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
