package dev.latchkey.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * What {@link SnapStartPriming} sends its synthetic requests through: the function's own way of answering a
 * payload-2.0 event (the router in http-common, validate's route in the validate function).
 */
public interface PrimingTarget {

    APIGatewayV2HTTPResponse answer(APIGatewayV2HTTPEvent event);
}
