package dev.latchkey.functions.validate;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import dev.latchkey.config.SdkPreload;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/**
 * The validate function's Lambda handler ({@code template.yaml}'s {@code ValidateFunction}): a function handler over an
 * application context holding validate's beans only (no HTTP server, router or servlet binding in the zip), which
 * answers every payload-2.0 event itself through {@link ValidateRoute}. {@code GET /v1/whoami} and the JWKS are
 * manage's routes.
 */
public class ValidateFunctionHandler extends MicronautRequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static {
        // The earliest Latchkey code of a cold start: the SDK loads on a second thread from here on (SdkPreload).
        SdkPreload.startIfInLambda();
    }

    @Inject
    ValidateRoute route;

    /** What Lambda calls: the context is built from the environment. */
    public ValidateFunctionHandler() {
    }

    public ValidateFunctionHandler(ApplicationContext context) {
        super(context);
    }

    /**
     * Lambda's context builder, but creating only the beans this function injects: the zip carries every use case of
     * the shared module, and micronaut-function-aws would build all of them at init (see {@link ValidateBeansOnly}).
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return ValidateBeansOnly.builder();
    }

    @Override
    public APIGatewayV2HTTPResponse execute(APIGatewayV2HTTPEvent event) {
        return route.answer(event);
    }
}
