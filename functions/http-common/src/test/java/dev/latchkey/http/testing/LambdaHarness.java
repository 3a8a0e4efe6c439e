package dev.latchkey.http.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.LocalDynamo;
import dev.latchkey.testing.TestClock;
import dev.latchkey.usecase.ValidateToken;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextProvider;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the handler class {@code template.yaml} names, built the way Lambda builds it (no-argument constructor,
 * configuration from the environment), and feeds it event JSON through the Lambda runtime's own event serializer.
 * Its table is fresh; {@link #backend()} shares that table and pepper to set up organizations and tokens.
 *
 * <p>Every answer is checked against {@code docs/openapi.yaml} ({@link LatchkeyApi}): its status must be one the
 * matched route declares and its body must fit that status's schema, so every handler test keeps the document true.
 */
public final class LambdaHarness implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private static final PojoSerializer<APIGatewayV2HTTPEvent> EVENTS =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, LambdaHarness.class.getClassLoader());

    private Backend backend;
    private Handler handler;
    private Map<String, String> handlerProperties;

    /** How a {@link #perClass()} harness starts; null for one started at once. */
    private final Supplier<LambdaHarness> starter;

    private LambdaHarness(Backend backend, Handler handler, Map<String, String> handlerProperties) {
        this.backend = backend;
        this.handler = handler;
        this.handlerProperties = handlerProperties;
        this.starter = null;
    }

    private LambdaHarness(Supplier<LambdaHarness> starter) {
        this.starter = starter;
    }

    /**
     * A harness for a whole test class, as {@code @RegisterExtension static final LambdaHarness lambda = ...}: it
     * starts before the class's {@code @BeforeAll} methods (which seed it) and closes after its tests.
     */
    public static LambdaHarness perClass() {
        return new LambdaHarness(LambdaHarness::start);
    }

    /** As {@link #perClass()}, with extra configuration (see {@link #start(Map)}). */
    public static LambdaHarness perClass(Map<String, String> handlerProperties) {
        return new LambdaHarness(() -> start(handlerProperties));
    }

    /** As {@link #perClass()}, with the function's own handler class and configuration (see {@link #start(Supplier, Map)}). */
    public static LambdaHarness perClass(Supplier<? extends RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlerClass,
                                         Map<String, String> handlerProperties) {
        return new LambdaHarness(() -> start(handlerClass, handlerProperties));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        LambdaHarness started = starter.get();
        backend = started.backend;
        handler = started.handler;
        handlerProperties = started.handlerProperties;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    public static LambdaHarness start() {
        return start(Map.of());
    }

    /**
     * A handler with extra configuration (its function's environment in the template). One naming a signing-key secret
     * gets no {@link Backend#SIGNING_KEYS}; the set-up backend keeps the defaults. The extras are cleared on close.
     */
    public static LambdaHarness start(Map<String, String> handlerProperties) {
        return start(APIGatewayV2HTTPEventFunction::new, handlerProperties);
    }

    /**
     * As {@link #start(Map)}, with the function's own handler class where {@code template.yaml} names another one (a
     * payload-2.0 {@link RequestHandler} over a Micronaut context, built like Lambda builds it, after the configuration
     * is in place).
     */
    public static LambdaHarness start(Supplier<? extends RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlerClass,
                                      Map<String, String> handlerProperties) {
        // The handler runs on the real clock; the set-up side keeps step with it.
        Backend backend = Backend.start(java.util.Map.of(), dev.latchkey.testing.TestClock.followingSystemTime());
        // Lambda passes configuration as environment variables; system properties are the in-JVM equivalent.
        System.setProperty("latchkey.table-name", backend.table());
        System.setProperty("latchkey.pepper", Backend.PEPPER);
        if (Backend.namesKeySecret(handlerProperties)) {
            System.clearProperty("latchkey.direct-access-keys");
        } else {
            System.setProperty("latchkey.direct-access-keys", Backend.SIGNING_KEYS);
        }
        handlerProperties.forEach(System::setProperty);
        LocalDynamo.instance();
        return new LambdaHarness(backend, new Handler(handlerClass.get()), Map.copyOf(handlerProperties));
    }

    public Backend backend() {
        return backend;
    }

    public Handler handler() {
        return handler;
    }

    /** The handler under test, whichever payload-2.0 handler class it is, with its application context. */
    public static final class Handler {

        private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

        private Handler(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
            this.handler = handler;
        }

        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            return handler.handleRequest(event, context);
        }

        public ApplicationContext getApplicationContext() {
            return ((ApplicationContextProvider) handler).getApplicationContext();
        }

        private void close() {
            try {
                ((AutoCloseable) handler).close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + handler.getClass().getName(), e);
            }
        }
    }

    /**
     * The code validate would answer for {@code value} now, asked of the set-up backend. Its test clock stands still
     * at the instant the harness started while the handler runs on the wall clock, so it is brought up to the wall
     * clock first (otherwise a value the handler superseded or revoked "now" would still look live to a clock that lags
     * behind).
     */
    public ValidateToken.Code validateNow(String value) {
        TestClock clock = backend.clock();
        Duration lag = Duration.between(clock.instant(), Instant.now());
        if (!lag.isNegative()) {
            clock.advance(lag);
        }
        return backend.bean(ValidateToken.class).validate(value, ResourcePath.none(), null).code();
    }

    public LambdaResponse invoke(HttpEvent event) {
        return invoke(event.toJson());
    }

    public LambdaResponse invoke(String eventJson) {
        return invoke(eventJson, new MockLambdaContext());
    }

    /** As Lambda invokes a function: with the invocation's context (its request id, the function's name). */
    public LambdaResponse invoke(HttpEvent event, Context context) {
        return invoke(event.toJson(), context);
    }

    private LambdaResponse invoke(String eventJson, Context context) {
        APIGatewayV2HTTPEvent event = EVENTS.fromJson(eventJson);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
        String body = response.getBody() == null ? "" : response.getBody();
        if (response.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = response.getHeaders() == null ? Map.of() : response.getHeaders();
        LambdaResponse answer = new LambdaResponse(response.getStatusCode(), headers, body);
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        LatchkeyApi.assertConforms(http == null ? null : http.getMethod(), event.getRawPath(), answer);
        return answer;
    }

    @Override
    public void close() {
        handler.close();
        backend.close();
        handlerProperties.keySet().forEach(System::clearProperty);
    }
}
