package dev.latchkey.functions.validate.authorizer;

import dev.latchkey.functions.validate.ValidateBeansOnly;
import dev.latchkey.config.SdkPreload;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * The validate function's second handler: an API Gateway HTTP API Lambda authorizer, payload format 2.0 with simple
 * responses ({@code template.yaml}'s {@code AuthorizerFunction} deploys the validate zip with this Handler).
 *
 * <p>In: the authorizer event as API Gateway sends it ({@code type: REQUEST}, {@code identitySource} holding the
 * {@code Authorization} header, the route's {@code pathParameters}, ...). Out: {@code {"isAuthorized": false}}, or
 * {@code {"isAuthorized": true, "context": {"tokenId", "organizationId", "scope", "roles"}}}, which API Gateway hands
 * the protected route's integration as {@code requestContext.authorizer.lambda}. See {@link HttpApiAuthorizer}.
 *
 * <p>Input and output are plain maps, as the Lambda runtime's own JSON (de)serializer produces and reads them.
 */
public class HttpApiAuthorizerHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    static {
        // The earliest Latchkey code of a cold start: the SDK loads on a second thread from here on (SdkPreload).
        SdkPreload.startIfInLambda();
    }

    @Inject
    HttpApiAuthorizer authorizer;

    /** Only the authorizer's beans at init, as the validate handler's ({@link ValidateBeansOnly}). */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return ValidateBeansOnly.builder();
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> event) {
        return authorizer.authorize(event);
    }
}
