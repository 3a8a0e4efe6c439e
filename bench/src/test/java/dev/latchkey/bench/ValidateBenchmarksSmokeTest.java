package dev.latchkey.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.usecase.ValidateToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the benchmarks compiling and working: each benchmark body runs a few times against an in-process DynamoDB
 * Local and answers what it should. Nothing here is timed; the measurements are run by {@link BenchMain}
 * (see docs/benchmarks.md).
 */
class ValidateBenchmarksSmokeTest {

    private static final int TIMES = 5;
    static ValidateBenchmarks bench;

    @BeforeAll
    static void setUp() {
        bench = new ValidateBenchmarks();
        bench.setUp(); // also checks every path once (VALID, 200, the live hash item)
    }

    @AfterAll
    static void tearDown() {
        bench.tearDown();
    }

    @Test
    void floorReadsTheLiveHashItem() {
        for (int i = 0; i < TIMES; i++) {
            assertEquals("LIVE", bench.a_getItemFloor().get("status").s());
            assertEquals(2, bench.a2_batchGetItemFloor().size());
            assertEquals("LIVE", bench.a3_getItemOnHandlersClient().get("status").s());
        }
    }

    @Test
    void useCaseAnswersValid() {
        for (int i = 0; i < TIMES; i++) {
            assertEquals(ValidateToken.Code.VALID, bench.b_validateUseCase().code());
        }
    }

    @Test
    void lambdaHandlerAnswersValid() {
        for (int i = 0; i < TIMES; i++) {
            APIGatewayV2HTTPResponse response = bench.c_lambdaHandler();
            assertEquals(200, response.getStatusCode());
            assertTrue(response.getBody().contains("\"valid\":true"), response.getBody());
            String viaJson = new String(bench.c2_lambdaHandlerWithEventJson(), StandardCharsets.UTF_8);
            assertTrue(viaJson.contains("\"statusCode\":200"), viaJson);
            assertTrue(bench.c1_lambdaHandlerOneItem().getBody().contains("\"code\":\"VALID\""));
            assertTrue(bench.c3_lambdaHandlerNoRead().getBody().contains("\"code\":\"MALFORMED\""));
        }
    }

    /** The other HTTP clients the benchmarks compare: every path answers on each (CRT loads its native library). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"apache", "crt"})
    void everyPathWorksOnTheOtherHttpClients(String httpClient) {
        ValidateBenchmarks other = new ValidateBenchmarks();
        other.httpClient = httpClient;
        try {
            other.setUp(); // checks every path once
            assertEquals("LIVE", other.a_getItemFloor().get("status").s());
        } finally {
            other.tearDown();
            System.setProperty(dev.latchkey.config.DynamoDbHttpClients.PROPERTY, dev.latchkey.config.DynamoDbHttpClients.DEFAULT);
        }
    }

    @Test
    void tokenParsingAndHashing() {
        for (int i = 0; i < TIMES; i++) {
            assertNotNull(bench.d1_parseToken());
            assertEquals(32, bench.d2_hmac().length);
            assertTrue(bench.d3_hashKey().startsWith("v1:"));
        }
    }

    @Test
    void interleavedHarnessRuns() {
        Interleaved.Result r = Interleaved.run(bench, 3, 1);
        assertTrue(r.floor() > 0 && r.batchFloor() > 0 && r.oneItem() > 0 && r.handler() > 0);
    }
}
