package dev.latchkey.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.config.DynamoDbHttpClients;
import dev.latchkey.functions.validate.ValidateFunctionHandler;
import dev.latchkey.token.ParsedToken;
import dev.latchkey.token.Pepper;
import dev.latchkey.token.TokenFormat;
import dev.latchkey.token.TokenHasher;
import dev.latchkey.usecase.ValidateToken;
import io.micronaut.context.ApplicationContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Validate's cost against its floor, all on the same DynamoDB Local and the same live token:
 * <ul>
 *   <li>{@code a_getItemFloor}: one bare, consistent SDK {@code GetItem} of the token's hash item (the floor);</li>
 *   <li>{@code a2_batchGetItemFloor}: one bare, consistent {@code BatchGetItem} of the hash item and the deployment's
 *       registry item: what validate reads when the question names a deployment and the token is not a deployment
 *       token (the bench question does: a workspace token asked about {@code deployment.deploy});</li>
 *   <li>{@code a3_getItemOnHandlersClient}: the floor's GetItem on the DynamoDB client the handler's context built
 *       (CoreFactory's), to tell the client's cost from the handler's;</li>
 *   <li>{@code b_validateUseCase}: {@link ValidateToken} from {@code shared}, as wired by Micronaut;</li>
 *   <li>{@code c_lambdaHandler}: a payload-2.0 event through {@link ValidateFunctionHandler}, the handler
 *       {@code template.yaml} names, built with its no-argument constructor as Lambda builds it (no HTTP router);</li>
 *   <li>{@code c1_lambdaHandlerOneItem}: the same handler asked about the token's own workspace (no deployment named),
 *       which validate answers from one consistent GetItem: the like-for-like comparison with {@code a_getItemFloor};</li>
 *   <li>{@code c3_lambdaHandlerNoRead}: the same handler asked about a value that is not a token (MALFORMED, no table
 *       call): the handler's own cost per request (event to question, checks, answer, request log line, metric line)
 *       without any read;</li>
 *   <li>{@code c2_lambdaHandlerWithEventJson}: the same plus what the Lambda runtime does around it (event JSON in,
 *       response JSON out), for information;</li>
 *   <li>{@code d1_parseToken}, {@code d2_hmac}, {@code d3_hashKey}: token shape+checksum, the HMAC alone, and the
 *       HMAC with the key formatting validate does.</li>
 * </ul>
 * {@code httpClient} is the SDK HTTP client under every DynamoDB client here (the floors' and the function's, through
 * {@code latchkey.dynamodb-http-client}): {@code -p httpClient=url-connection,apache,crt}.
 * The backend comes from a parent process ({@link BenchMain}) or, when run alone, is started in this JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ValidateBenchmarks {

    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, ValidateBenchmarks.class.getClassLoader());
    private static final PojoSerializer<APIGatewayV2HTTPResponse> RESPONSES =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, ValidateBenchmarks.class.getClassLoader());

    @Param({"url-connection", "apache", "crt"})
    public String httpClient = DynamoDbHttpClients.DEFAULT;

    private Fixture.Running ownBackend;
    private Fixture.Seeded seeded;

    private DynamoDbClient floorClient;
    private GetItemRequest floorRequest;
    private BatchGetItemRequest batchFloorRequest;

    private ApplicationContext useCaseContext;
    private ValidateToken validateToken;
    private ResourcePath resource;

    private ValidateFunctionHandler handler;
    private DynamoDbClient handlersClient;
    private APIGatewayV2HTTPEvent event;
    private APIGatewayV2HTTPEvent oneItemEvent;
    private APIGatewayV2HTTPEvent noReadEvent;
    private byte[] eventJson;
    private final LambdaContextStub lambdaContext = new LambdaContextStub();

    private TokenFormat format;
    private Pepper pepper;
    private ParsedToken parsed;

    @Setup
    public void setUp() {
        seeded = Fixture.fromSystemProperties();
        if (seeded == null) {
            ownBackend = Fixture.startAndSeed(0, Fixture.DEFAULT_PEPPER);
            seeded = ownBackend.seeded();
        }
        Fixture.configureHandler(seeded);
        System.setProperty(DynamoDbHttpClients.PROPERTY, httpClient);

        floorClient = Fixture.sdkClient(httpClient);
        floorRequest = GetItemRequest.builder().tableName(seeded.table()).key(seeded.hashItemKey()).consistentRead(true).build();
        batchFloorRequest = BatchGetItemRequest.builder().requestItems(Map.of(seeded.table(), KeysAndAttributes.builder()
                .keys(seeded.hashItemKey(), seeded.deploymentItemKey()).consistentRead(true).build())).build();

        useCaseContext = ApplicationContext.builder()
                .properties(Map.of("latchkey.table-name", seeded.table(), "latchkey.pepper", seeded.pepper(),
                        "latchkey.last-used-interval", Fixture.LAST_USED_INTERVAL, DynamoDbHttpClients.PROPERTY, httpClient))
                .start();
        validateToken = useCaseContext.getBean(ValidateToken.class);
        resource = new ResourcePath(Fixture.ORGANIZATION, Fixture.WORKSPACE, Fixture.DEPLOYMENT, null);

        handler = new ValidateFunctionHandler();
        handlersClient = handler.getApplicationContext().getBean(DynamoDbClient.class);
        String json = Fixture.validateEventJson(seeded.token());
        eventJson = json.getBytes(StandardCharsets.UTF_8);
        event = EVENTS.fromJson(json);
        oneItemEvent = EVENTS.fromJson(Fixture.validateWorkspaceEventJson(seeded.token()));
        noReadEvent = EVENTS.fromJson(Fixture.validateWorkspaceEventJson("not-a-latchkey-token"));

        format = new TokenFormat("lk");
        pepper = new Pepper(1, seeded.pepper().getBytes(StandardCharsets.UTF_8));
        parsed = format.parse(seeded.token()).orElseThrow();

        check();
    }

    /** Every path answers what it should before anything is measured (this also writes lastUsedAt, once). */
    void check() {
        Map<String, AttributeValue> item = a_getItemFloor();
        if (!"LIVE".equals(item.get("status").s())) {
            throw new IllegalStateException("the floor read no live hash item: " + item);
        }
        if (a2_batchGetItemFloor().size() != 2) {
            throw new IllegalStateException("the batch floor did not read both the hash and the deployment item");
        }
        ValidateToken.Outcome outcome = b_validateUseCase();
        if (outcome.code() != ValidateToken.Code.VALID) {
            throw new IllegalStateException("the use case answered " + outcome.code());
        }
        APIGatewayV2HTTPResponse response = c_lambdaHandler();
        if (response.getStatusCode() != 200 || !response.getBody().contains("\"code\":\"VALID\"")) {
            throw new IllegalStateException("the handler answered " + response.getStatusCode() + " " + response.getBody());
        }
        APIGatewayV2HTTPResponse oneItem = c1_lambdaHandlerOneItem();
        if (oneItem.getStatusCode() != 200 || !oneItem.getBody().contains("\"code\":\"VALID\"")) {
            throw new IllegalStateException("the handler answered the one-item question " + oneItem.getStatusCode() + " " + oneItem.getBody());
        }
        APIGatewayV2HTTPResponse noRead = c3_lambdaHandlerNoRead();
        if (noRead.getStatusCode() != 200 || !noRead.getBody().contains("\"code\":\"MALFORMED\"")) {
            throw new IllegalStateException("the handler answered the no-read question " + noRead.getStatusCode() + " " + noRead.getBody());
        }
        String viaJson = new String(c2_lambdaHandlerWithEventJson(), StandardCharsets.UTF_8);
        if (!viaJson.contains("\"statusCode\":200") || !viaJson.contains("VALID")) {
            throw new IllegalStateException("the handler (event JSON) answered " + viaJson);
        }
        if (d1_parseToken() == null || d2_hmac().length != 32 || !d3_hashKey().equals(seeded.hashKey())) {
            throw new IllegalStateException("token parsing or hashing is off");
        }
    }

    @TearDown
    public void tearDown() {
        if (handler != null) {
            handler.close();
        }
        if (useCaseContext != null) {
            useCaseContext.close();
        }
        if (floorClient != null) {
            floorClient.close();
        }
        if (ownBackend != null) {
            ownBackend.close();
        }
    }

    @Benchmark
    public Map<String, AttributeValue> a_getItemFloor() {
        return floorClient.getItem(floorRequest).item();
    }

    @Benchmark
    public java.util.List<Map<String, AttributeValue>> a2_batchGetItemFloor() {
        return floorClient.batchGetItem(batchFloorRequest).responses().get(seeded.table());
    }

    @Benchmark
    public Map<String, AttributeValue> a3_getItemOnHandlersClient() {
        return handlersClient.getItem(floorRequest).item();
    }

    @Benchmark
    public ValidateToken.Outcome b_validateUseCase() {
        return validateToken.validate(seeded.token(), resource, Fixture.PERMISSION);
    }

    @Benchmark
    public APIGatewayV2HTTPResponse c_lambdaHandler() {
        return handler.handleRequest(event, lambdaContext);
    }

    @Benchmark
    public APIGatewayV2HTTPResponse c1_lambdaHandlerOneItem() {
        return handler.handleRequest(oneItemEvent, lambdaContext);
    }

    @Benchmark
    public APIGatewayV2HTTPResponse c3_lambdaHandlerNoRead() {
        return handler.handleRequest(noReadEvent, lambdaContext);
    }

    @Benchmark
    public byte[] c2_lambdaHandlerWithEventJson() {
        APIGatewayV2HTTPEvent in = EVENTS.fromJson(new ByteArrayInputStream(eventJson));
        APIGatewayV2HTTPResponse response = handler.handleRequest(in, lambdaContext);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        RESPONSES.toJson(response, out);
        return out.toByteArray();
    }

    @Benchmark
    public ParsedToken d1_parseToken() {
        return format.parse(seeded.token()).orElse(null);
    }

    @Benchmark
    public byte[] d2_hmac() {
        return TokenHasher.hmac(pepper, seeded.token());
    }

    @Benchmark
    public String d3_hashKey() {
        return TokenHasher.hashKey(pepper, parsed);
    }
}
