package dev.latchkey.bench;

import dev.latchkey.store.dynamodb.ItemKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the whole token table (consistent scan) and checks that no token is half-changed: every token item's
 * {@code currentHashKey} names a LIVE hash item that points back at it, every token has exactly one LIVE hash item,
 * no LIVE hash item belongs to a token that does not exist, and a replaced value's hash item is no longer LIVE.
 * Problems name token ids only, never hash keys or values.
 */
public final class TableConsistency {

    /** What the scan found; {@code problems} is empty when the table is consistent. */
    public record Report(int tokens, int liveHashes, int supersededHashes, int revokedHashes, List<String> problems) {
        public boolean consistent() {
            return problems.isEmpty();
        }

        @Override
        public String toString() {
            return tokens + " tokens, " + liveHashes + " LIVE hash items, " + supersededHashes + " SUPERSEDED, "
                    + revokedHashes + " REVOKED; " + (consistent() ? "consistent" : problems.size() + " problems: "
                    + problems.subList(0, Math.min(10, problems.size())));
        }
    }

    private record TokenItem(String id, String currentHashKey, String previousHashKey) {
    }

    private record HashItem(String tokenId, String status) {
    }

    private TableConsistency() {
    }

    public static Report check(DynamoDbClient client, String table) {
        List<TokenItem> tokens = new ArrayList<>();
        Map<String, HashItem> hashes = new HashMap<>();
        for (Map<String, AttributeValue> item : client.scanPaginator(r -> r.tableName(table).consistentRead(true)).items()) {
            Optional<String> hashKey = ItemKeys.hashKeyOf(item);
            if (hashKey.isPresent()) {
                hashes.put(hashKey.get(), new HashItem(text(item, "tokenId"), text(item, "status")));
            } else if (ItemKeys.isToken(item)) {
                tokens.add(new TokenItem(text(item, "id"), text(item, "currentHashKey"), text(item, "previousHashKey")));
            }
        }
        return judge(tokens, hashes);
    }

    private static Report judge(List<TokenItem> tokens, Map<String, HashItem> hashes) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> liveByToken = new HashMap<>();
        int live = 0;
        int superseded = 0;
        int revoked = 0;
        for (HashItem h : hashes.values()) {
            switch (String.valueOf(h.status())) {
                case "LIVE" -> {
                    live++;
                    liveByToken.merge(String.valueOf(h.tokenId()), 1, Integer::sum);
                }
                case "SUPERSEDED" -> superseded++;
                case "REVOKED" -> revoked++;
                default -> problems.add("a hash item of token " + h.tokenId() + " has status " + h.status());
            }
        }
        Map<String, TokenItem> byId = new HashMap<>();
        for (TokenItem t : tokens) {
            byId.put(t.id(), t);
            HashItem current = t.currentHashKey() == null ? null : hashes.get(t.currentHashKey());
            if (current == null) {
                problems.add("token " + t.id() + ": its current hash item is missing");
            } else if (!"LIVE".equals(current.status()) || !t.id().equals(current.tokenId())) {
                problems.add("token " + t.id() + ": its current hash item is " + current.status() + " of token " + current.tokenId());
            }
            int liveCount = liveByToken.getOrDefault(t.id(), 0);
            if (liveCount != 1) {
                problems.add("token " + t.id() + ": " + liveCount + " LIVE hash items");
            }
            HashItem previous = t.previousHashKey() == null ? null : hashes.get(t.previousHashKey());
            if (t.previousHashKey() != null && (previous == null || "LIVE".equals(previous.status()))) {
                problems.add("token " + t.id() + ": its replaced value's hash item is " + (previous == null ? "missing" : "still LIVE"));
            }
        }
        liveByToken.keySet().stream().filter(id -> !byId.containsKey(id))
                .forEach(id -> problems.add("orphan: LIVE hash item(s) of token " + id + ", which has no token item"));
        return new Report(tokens.size(), live, superseded, revoked, problems);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
