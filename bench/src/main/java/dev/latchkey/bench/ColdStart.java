package dev.latchkey.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One cold start, as Lambda's init + first invoke: the JVM starts, the handler class is loaded and built with its
 * no-argument constructor (by reflection, as the runtime does), then one validate event is answered. Prints one line:
 * {@code handler=… jvmToMain=… init=… firstInvoke=… total=… status=… valid=…} (milliseconds; the JVM's start is
 * {@code RuntimeMXBean.getStartTime()}, read only after the answer so that loading the management classes is not
 * counted).
 *
 * <p>Depends only on the JDK and aws-lambda-java-core/-events, so it runs on the Lambda zip's class path (or on the
 * floor's minimal one) with nothing else of the bench module: {@code bench/cold-start.sh} runs it.
 * Environment: {@code LATCHKEY_BENCH_TOKEN} plus whatever the handler reads ({@code LATCHKEY_PEPPER},
 * {@code LATCHKEY_TABLE_NAME}, {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_REGION}, credentials).
 */
public final class ColdStart {

    /** template.yaml's ValidateFunction Handler. */
    static final String LATCHKEY_HANDLER = "dev.latchkey.functions.validate.ValidateFunctionHandler";
    /** The standard payload-2.0 handler (every request through the HTTP router), the function's handler before it. */
    static final String ROUTER_HANDLER = "io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction";
    static final String FLOOR_HANDLER = "dev.latchkey.bench.FloorHandler";

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        String which = args.length > 0 ? args[0] : "latchkey";
        String handlerClass = switch (which) {
            case "latchkey" -> LATCHKEY_HANDLER;
            case "router" -> ROUTER_HANDLER;
            case "floor" -> FLOOR_HANDLER;
            default -> which;
        };
        String token = requiredEnv("LATCHKEY_BENCH_TOKEN");

        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(handlerClass)
                        .getDeclaredConstructor().newInstance();
        long initialisedAt = System.currentTimeMillis();

        APIGatewayV2HTTPResponse response = handler.handleRequest(validateEvent(token, "cold-start"), new LambdaContextStub());
        long answeredAt = System.currentTimeMillis();

        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        // CPU time of the whole process (all threads, JIT and GC included) up to here: unlike wall time it hardly
        // moves when other work shares the machine, so it is the steadier figure on a busy box.
        long cpuMillis = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        boolean valid = response.getBody() != null && response.getBody().contains("\"valid\":true");
        System.out.printf(Locale.ROOT, "handler=%s jvmToMain=%d init=%d firstInvoke=%d total=%d cpu=%d classes=%d status=%d valid=%s%n",
                which, mainAt - jvmStart, initialisedAt - jvmStart, answeredAt - initialisedAt, answeredAt - jvmStart,
                cpuMillis, classes, response.getStatusCode(), valid);
        System.out.flush();
        // Timing ends above; exiting normally lets -XX:ArchiveClassesAtExit and JFR write their files.
        System.exit(valid && response.getStatusCode() == 200 ? 0 : 1);
    }

    static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " must be set");
        }
        return value;
    }

    /** The payload-2.0 event API Gateway sends for {@code POST /v1/validate} (built, as the runtime would deserialize it). */
    static APIGatewayV2HTTPEvent validateEvent(String token, String requestId) {
        String body = ValidateQuestion.body(token);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        headers.put("content-length", Integer.toString(body.length()));
        headers.put("content-type", "application/json");
        headers.put("host", "abcdef1234.execute-api.eu-west-1.amazonaws.com");
        headers.put("user-agent", "platform-api/1.0");
        headers.put("x-amzn-trace-id", "Root=1-6740a1b2-4c3d2e1f0a9b8c7d6e5f4a3b");
        headers.put("x-forwarded-for", "10.0.1.25");
        headers.put("x-forwarded-port", "443");
        headers.put("x-forwarded-proto", "https");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("POST /v1/validate")
                .withRawPath("/v1/validate")
                .withRawQueryString("")
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("123456789012")
                        .withApiId("abcdef1234")
                        .withDomainName("abcdef1234.execute-api.eu-west-1.amazonaws.com")
                        .withRequestId(requestId)
                        .withRouteKey("POST /v1/validate")
                        .withStage("$default")
                        .withTimeEpoch(1795347300000L)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST").withPath("/v1/validate").withProtocol("HTTP/1.1")
                                .withSourceIp("10.0.1.25").withUserAgent("platform-api/1.0").build())
                        .build())
                .build();
    }
}
