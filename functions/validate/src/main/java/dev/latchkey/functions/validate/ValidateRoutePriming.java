package dev.latchkey.functions.validate;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.crac.OrderedResource;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;

import java.util.Map;

/**
 * SnapStart priming of {@link ValidateRoute} on its own, beside {@code SnapStartPriming} (which reads the table and
 * sends its synthetic requests through the route too): one
 * validate event of a value that can never be a token (MALFORMED, no table call), so its JSON binding and encoding are
 * loaded before the snapshot. Nothing random, timed or secret is captured.
 */
@Singleton
@Requires(property = "latchkey.snapstart-priming", notEquals = "false")
public class ValidateRoutePriming implements OrderedResource {

    private static final String BODY = "{\"token\":\"latchkey-snapstart-priming\"}";
    /** Not a plain question (a number among the dag tags): bound by serde and refused, so serde is warm too. */
    private static final String SERDE_BODY = "{\"token\":\"latchkey-snapstart-priming\",\"dagTags\":[1]}";

    private final ValidateRoute route;
    private volatile int primedStatus;
    private volatile int primedRefusalStatus;

    public ValidateRoutePriming(ValidateRoute route) {
        this.route = route;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        primedStatus = route.answer(event(BODY)).getStatusCode();
        primedRefusalStatus = route.answer(event(SERDE_BODY)).getStatusCode();
    }

    private static APIGatewayV2HTTPEvent event(String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(ValidateRoute.PATH)
                .withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/json", "content-length", Integer.toString(body.length())))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("snapstart-priming")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(ValidateRoute.METHOD).withPath(ValidateRoute.PATH).build())
                        .build())
                .build();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing captured: see the class comment.
    }

    /** What the priming request answered (0: not primed). */
    public int primedStatus() {
        return primedStatus;
    }

    /** What the priming request bound by serde answered: its 400 (0: not primed). */
    public int primedRefusalStatus() {
        return primedRefusalStatus;
    }

    @Override
    public int getOrder() {
        return 1;
    }
}
