package dev.latchkey.bench;

import dev.latchkey.store.dynamodb.ItemKeys;
import dev.latchkey.token.Pepper;
import dev.latchkey.token.TokenHasher;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Prints the DynamoDB JSON body of the consistent GetItem validate makes for one token (its hash item), for
 * {@code bench/wrk-getitem.lua}: wrk then measures DynamoDB Local's own GetItem with a native client.
 * {@code java -cp benchmarks.jar dev.latchkey.bench.GetItemBody <table> <pepper> <token>}.
 */
public final class GetItemBody {

    private GetItemBody() {
    }

    public static void main(String[] args) {
        // The key comes from the production hashing and key code, as LoadGen's does.
        String hashKey = TokenHasher.hashKey(new Pepper(1, args[1].getBytes(StandardCharsets.UTF_8)), args[2]);
        String key = ItemKeys.hash(hashKey).entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":{\"S\":\"" + e.getValue().s() + "\"}")
                .collect(Collectors.joining(","));
        System.out.println("{\"TableName\":\"" + args[0] + "\",\"ConsistentRead\":true,\"Key\":{" + key + "}}");
    }
}
