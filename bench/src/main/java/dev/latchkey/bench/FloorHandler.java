package dev.latchkey.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * The plain-Java floor of the cold-start comparison: the least a validate function can do. One {@link DynamoDbClient}
 * on the url-connection HTTP client (configured like Latchkey's), built in the constructor; per event: take the token
 * out of the body, HMAC it under the pepper, one consistent GetItem of its hash item, answer {@code {"valid":…}}.
 * {@code LATCHKEY_DYNAMODB_HTTP_CLIENT} ({@code url-connection}, {@code apache}, {@code crt}) picks the SDK HTTP
 * client, as it does for the function; each is referenced from its own nested class, so only its jars are needed.
 * No framework, no JSON library. Configuration from the same environment variables as the function.
 */
public final class FloorHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final DynamoDbClient dynamo;
    private final String table;
    private final byte[] pepper;

    public FloorHandler() {
        this.table = System.getenv().getOrDefault("LATCHKEY_TABLE_NAME", "latchkey");
        this.pepper = System.getenv("LATCHKEY_PEPPER").getBytes(StandardCharsets.UTF_8);
        this.dynamo = DynamoDbClient.builder()
                .httpClientBuilder(httpClient(System.getenv().getOrDefault("LATCHKEY_DYNAMODB_HTTP_CLIENT", "url-connection")))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(5))
                        .apiCallAttemptTimeout(Duration.ofSeconds(2))
                        .retryStrategy(b -> b.maxAttempts(3))
                        .build())
                .build();
    }

    private static SdkHttpClient.Builder<?> httpClient(String name) {
        return switch (name) {
            case "url-connection" -> UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofMillis(500));
            case "apache" -> Apache.builder();
            case "crt" -> Crt.builder();
            default -> throw new IllegalArgumentException("unknown HTTP client " + name);
        };
    }

    private static final class Apache {
        static SdkHttpClient.Builder<?> builder() {
            return software.amazon.awssdk.http.apache.ApacheHttpClient.builder().connectionTimeout(Duration.ofMillis(500));
        }
    }

    private static final class Crt {
        static SdkHttpClient.Builder<?> builder() {
            return software.amazon.awssdk.http.crt.AwsCrtHttpClient.builder().connectionTimeout(Duration.ofMillis(500));
        }
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String body = event.getBody();
        int start = body.indexOf("\"token\":\"") + 9;
        String token = body.substring(start, body.indexOf('"', start));
        // Spelled out here rather than taken from TokenHasher and ItemKeys: the floor's class path holds no Latchkey jar
        // (harness.sh), which is what makes it a floor. Keep it in step with both by hand.
        String hashKey = "v1:" + HexFormat.of().formatHex(hmac(token));
        GetItemResponse item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS("HASH#" + hashKey), "sk", AttributeValue.fromS("HASH"))));
        boolean valid = item.hasItem() && item.item().containsKey("status") && "LIVE".equals(item.item().get("status").s());
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody("{\"valid\":" + valid + "}")
                .build();
    }

    private byte[] hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
