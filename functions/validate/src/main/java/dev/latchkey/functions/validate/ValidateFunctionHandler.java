package dev.latchkey.functions.validate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import dev.latchkey.http.ops.RequestLog;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.slf4j.MDC;

/**
 * The validate function's Lambda handler ({@code template.yaml}'s {@code ValidateFunction}): {@code POST /v1/validate}
 * is answered by {@link ValidateRoute} from the event itself; every other request of the function ({@code GET
 * /v1/whoami}, the JWKS, a validate request the router must judge) goes to the standard payload-2.0 HTTP handler this
 * extends, with the same application context.
 */
public class ValidateFunctionHandler extends APIGatewayV2HTTPEventFunction {

    private final ValidateRoute route;

    /** What Lambda calls: the context is built from the environment. */
    public ValidateFunctionHandler() {
        this.route = applicationContext.getBean(ValidateRoute.class);
    }

    public ValidateFunctionHandler(ApplicationContext context) {
        super(context);
        this.route = applicationContext.getBean(ValidateRoute.class);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        // What the standard handler puts in the MDC before it routes; the fast path skips it, and needs only these two.
        if (context != null) {
            MDC.put(RequestLog.LAMBDA_REQUEST_ID, context.getAwsRequestId());
            MDC.put(RequestLog.FUNCTION_NAME, context.getFunctionName());
        }
        APIGatewayV2HTTPResponse answer = route.answer(event);
        return answer != null ? answer : super.handleRequest(event, context);
    }
}
