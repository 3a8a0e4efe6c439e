package dev.latchkey.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.Optional;

/**
 * The keys of the table's items for code outside the store that must address one directly: SnapStart priming and the
 * benchmarks. They come from {@link TableKeys}, the one place the layout is named, so they cannot drift from it.
 */
public final class ItemKeys {

    private ItemKeys() {
    }

    /** The key of a token value's hash item; {@code hashKey} is {@code TokenHasher.hashKey}'s answer. */
    public static Map<String, AttributeValue> hash(String hashKey) {
        return TableKeys.hash(hashKey);
    }

    public static Map<String, AttributeValue> token(String organizationId, String tokenId) {
        return TableKeys.token(organizationId, tokenId);
    }

    public static Map<String, AttributeValue> deployment(String organizationId, String deploymentId) {
        return TableKeys.deployment(organizationId, deploymentId);
    }

    /** The key attributes of any item (to delete one found by a scan). */
    public static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of(TableKeys.PK, item.get(TableKeys.PK), TableKeys.SK, item.get(TableKeys.SK));
    }

    /** The hash key of a hash item (read from its key), empty for every other item. */
    public static Optional<String> hashKeyOf(Map<String, AttributeValue> item) {
        String pk = item.get(TableKeys.PK).s();
        return pk.startsWith(TableKeys.HASH_PREFIX) ? Optional.of(pk.substring(TableKeys.HASH_PREFIX.length())) : Optional.empty();
    }

    /** Whether an item's key is a token's metadata key. */
    public static boolean isToken(Map<String, AttributeValue> item) {
        return item.get(TableKeys.SK).s().startsWith(TableKeys.TOKEN_PREFIX);
    }
}
