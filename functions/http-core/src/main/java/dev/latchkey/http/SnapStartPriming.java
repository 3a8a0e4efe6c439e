package dev.latchkey.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.store.dynamodb.ItemKeys;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.crac.OrderedResource;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SnapStart priming: before Lambda takes the snapshot, load and JIT-warm what the first real request would otherwise
 * pay for. It reads one item that never exists (the SDK's marshalling, signing and HTTP stack) and pushes synthetic
 * requests through the function's {@link PrimingTarget} (routing, JSON, controllers, the error path). Neither touches randomness,
 * the clock or a credential that outlives the call, so a restored snapshot shares nothing with its siblings.
 */
@Singleton
@Requires(property = "latchkey.snapstart-priming", notEquals = "false")
public class SnapStartPriming implements OrderedResource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    /** A value that can never be a token: validate answers MALFORMED without touching the table. */
    static final String PRIMING_VALUE = "latchkey-snapstart-priming";

    private final BeanProvider<DynamoDbClient> dynamo;
    private final BeanProvider<PrimingTarget> handler;
    private final LatchkeyConfiguration config;
    private volatile Map<String, Integer> primedStatuses = Map.of();
    private volatile boolean tableReached;

    public SnapStartPriming(BeanProvider<DynamoDbClient> dynamo, BeanProvider<PrimingTarget> handler,
                            LatchkeyConfiguration config) {
        this.dynamo = dynamo;
        this.handler = handler;
        this.config = config;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        tableReached = warmTable();
        Map<String, Integer> statuses = new LinkedHashMap<>();
        for (APIGatewayV2HTTPEvent event : syntheticRequests()) {
            String route = event.getRequestContext().getHttp().getMethod() + " " + event.getRawPath();
            try {
                APIGatewayV2HTTPResponse response = handler.get().answer(event);
                statuses.put(route, response.getStatusCode());
            } catch (RuntimeException e) {
                LOG.warn("SnapStart priming request {} failed: {}", route, e.toString());
            }
        }
        primedStatuses = Map.copyOf(statuses);
        LOG.info("SnapStart priming done: table reached={}, requests={}", tableReached, statuses);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing captured before the snapshot needs renewing: values, ids and clocks are all read per request.
    }

    /** What the synthetic requests answered (route to status), for tests and the init log line. */
    public Map<String, Integer> primedStatuses() {
        return primedStatuses;
    }

    public boolean tableReached() {
        return tableReached;
    }

    private boolean warmTable() {
        try {
            dynamo.get().getItem(r -> r.tableName(config.getTableName()).consistentRead(true)
                    .key(ItemKeys.hash("snapstart-priming")));
            return true;
        } catch (RuntimeException e) {
            // A missing table or a network hiccup must not stop the snapshot: the first real request will retry.
            LOG.warn("SnapStart priming could not reach table {}: {}", config.getTableName(), e.toString());
            return false;
        }
    }

    private static List<APIGatewayV2HTTPEvent> syntheticRequests() {
        return List.of(
                event("POST", "/v1/validate", "{\"token\":\"" + PRIMING_VALUE + "\"}"),
                event("GET", "/v1/organizations/priming/tokens", null));
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        if (body != null) {
            headers.put("content-type", "application/json");
            headers.put("content-length", Integer.toString(body.length()));
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("snapstart-priming")
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                        .build())
                .build();
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
