package dev.latchkey.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventHandler;
import jakarta.inject.Singleton;

/** SnapStart priming through the HTTP router, for the functions whose handler is the payload-2.0 HTTP handler. */
@Singleton
@Requires(classes = APIGatewayV2HTTPEventHandler.class)
public class RouterPrimingTarget implements PrimingTarget {

    private final BeanProvider<APIGatewayV2HTTPEventHandler> handler;

    public RouterPrimingTarget(BeanProvider<APIGatewayV2HTTPEventHandler> handler) {
        this.handler = handler;
    }

    @Override
    public APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event) {
        return handler.get().exchange(event, new APIGatewayV2HTTPResponse()).getResponse().getNativeResponse();
    }
}
