package dev.latchkey.bench;

import java.util.HexFormat;

/**
 * Prints the DynamoDB JSON body of the consistent GetItem validate makes for one token (its hash item), for
 * {@code bench/wrk-getitem.lua}: wrk then measures DynamoDB Local's own GetItem with a native client.
 * {@code java -cp benchmarks.jar dev.latchkey.bench.GetItemBody <table> <pepper> <token>}.
 */
public final class GetItemBody {

    private GetItemBody() {
    }

    public static void main(String[] args) throws Exception {
        // The same key LoadGen reads.
        String hashKey = "v1:" + HexFormat.of().formatHex(LoadGen.hmac(args[1], args[2]));
        System.out.println("{\"TableName\":\"" + args[0] + "\",\"ConsistentRead\":true,\"Key\":{\"pk\":{\"S\":\"HASH#" + hashKey
                + "\"},\"sk\":{\"S\":\"HASH\"}}}");
    }
}
