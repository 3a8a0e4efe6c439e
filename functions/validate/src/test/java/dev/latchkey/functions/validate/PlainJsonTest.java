package dev.latchkey.functions.validate;

import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.view.RoleView;
import dev.latchkey.http.view.ValidateResponse;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link PlainJson} against serde, the function's own {@link JsonMapper} (with Latchkey's strict readers): every plain
 * question it reads is the question serde binds, every body it declines is left to serde, and every answer it writes
 * is serde's, byte for byte.
 */
class PlainJsonTest {

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass(ValidateFunctionHandler::new, java.util.Map.of());

    private static JsonMapper serde() {
        return lambda.handler().getApplicationContext().getBean(JsonMapper.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"token\":\"lko_abc\"}",
            "{\"token\":null}",
            " { \"token\" : \"x\" , \"organizationId\" : \"o\" } ",
            "{\"token\":\"x\",\"organizationId\":\"o\",\"workspaceId\":\"w\",\"deploymentId\":\"d\",\"dagId\":\"g\","
                    + "\"permission\":\"deployment.deploy\",\"dagTags\":[\"a\",\"b\"],\"sourceIp\":\"2001:db8::1\"}",
            "{\"dagTags\":[]}",
            "{\"dagTags\":null,\"sourceIp\":null}",
            "{\"token\":\"\\u00e9\\n\\\"q\\\"\\\\\"}",
            "{\"token\":\"caf\u00e9 \u2603\"}",
            "{\"permission\":\"\"}"})
    void aPlainQuestionIsReadAsSerdeBindsIt(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ValidateRequest plain = PlainJson.question(bytes);
        assertNotNull(plain, "a plain question was declined: " + body);
        assertEquals(serde().readValue(bytes, Argument.of(ValidateRequest.class)), plain, body);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "null", "[]", "\"x\"", "1", "{\"token\":1}", "{\"token\":true}", "{\"token\":{}}", "{\"token\":[\"x\"]}",
            "{\"dagTags\":[1]}", "{\"dagTags\":[null]}", "{\"dagTags\":\"a\"}", "{\"dagTags\":[[\"a\"]]}",
            "{\"unknown\":\"x\"}", "{\"token\":\"x\",\"token\":\"y\"}", "{\"token\":\"x\"} trailing", "{\"token\":\"x\"",
            "{\"token\":\"x\",}", "not json", ""})
    void anythingElseIsLeftToSerde(String body) {
        assertNull(PlainJson.question(body.getBytes(StandardCharsets.UTF_8)), body);
    }

    @Test
    void everyAnswerIsWrittenAsSerdeWritesIt() throws Exception {
        Instant millis = Instant.parse("2026-12-02T05:06:07.123Z");
        Instant seconds = Instant.parse("2026-01-01T00:00:00Z");
        Instant nanos = Instant.parse("2026-06-30T23:59:59.000000001Z");
        List<ValidateResponse> answers = Stream.of(
                new ValidateResponse(false, "MALFORMED", null),
                new ValidateResponse(false, "REVOKED", new ValidateResponse.TokenInfo("tok1", null, null, null, null, null,
                        null, null, null, null, null)),
                new ValidateResponse(true, "VALID", new ValidateResponse.TokenInfo("tok2", "ci \"deploy\" \u00e9\n",
                        "org", "WORKSPACE", "WORKSPACE", "API_TOKEN", "ws", "ws", List.of(
                        new RoleView("WORKSPACE", "ws", "WORKSPACE_AUTHOR", null),
                        new RoleView("DAG", "dag1", "DAG_AUTHOR", "dep1")), millis, seconds)),
                new ValidateResponse(true, "VALID", new ValidateResponse.TokenInfo("tok3", "n", "org", "DEPLOYMENT",
                        "DEPLOYMENT", "API_TOKEN", "dep", "ws", List.of(), nanos, null))).toList();
        for (ValidateResponse answer : answers) {
            assertEquals(new String(serde().writeValueAsBytes(answer), StandardCharsets.UTF_8),
                    new String(PlainJson.answer(answer), StandardCharsets.UTF_8));
        }
    }
}
