package dev.latchkey.http;

import dev.latchkey.error.LatchkeyException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;

/**
 * The router's error responses: the {@link ErrorAnswer} (status, body and headers) of a failure as a response, so
 * that the functions with the router and validate's handler without it answer from one definition.
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static MutableHttpResponse<ErrorBody> of(HttpRequest<?> request, LatchkeyException e) {
        return response(ErrorAnswer.of(RequestIds.of(request), e));
    }

    public static MutableHttpResponse<ErrorBody> of(HttpRequest<?> request, HttpStatus status, String message,
                                                    List<ErrorBody.FieldErrorView> fieldErrors) {
        return response(ErrorAnswer.of(RequestIds.of(request), status.getCode(), message, fieldErrors));
    }

    private static MutableHttpResponse<ErrorBody> response(ErrorAnswer answer) {
        MutableHttpResponse<ErrorBody> response = HttpResponse.<ErrorBody>status(HttpStatus.valueOf(answer.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(answer.body());
        answer.headers().forEach(response::header);
        return response;
    }
}
