package dev.latchkey.functions.revoke;

import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.store.AuditLog;
import dev.latchkey.testing.Backend;
import dev.latchkey.token.TokenFormat;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RevokeToken;
import dev.latchkey.usecase.ValidateToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code POST /v1/credentials/revoke}: leaked values are revoked; the answer never tells which were genuine. */
class LeakReportHandlerTest {

    static LambdaHarness lambda;
    static IssuedToken owner;

    @BeforeAll
    static void start() {
        lambda = LambdaHarness.start();
        owner = lambda.backend().owner("acme");
        lambda.backend().workspace("acme", "ws-1");
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    static String body(List<String> values) {
        return "{\"credentials\":[" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "]}";
    }

    static ValidateToken.Code code(String value) {
        return lambda.backend().bean(ValidateToken.class).validate(value, ResourcePath.none(), null).code();
    }

    @Test
    void genuineValuesAreRevokedAndTheAnswerIsTheSameForGarbage() {
        Backend b = lambda.backend();
        IssuedToken leaked = b.token(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER");
        IssuedToken alreadyRevoked = b.token(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER");
        b.bean(RevokeToken.class).revoke(b.caller(owner), "acme", alreadyRevoked.token().id());
        IssuedToken bystander = b.token(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER");
        String unknown = b.bean(TokenFormat.class).mint(Scope.WORKSPACE, new SecureRandom());

        LambdaResponse mixed = lambda.invoke(HttpEvent.request("POST", "/v1/credentials/revoke")
                .json(body(List.of(leaked.value(), alreadyRevoked.value(), unknown, "garbage", "lkw_lookalike"))));
        LambdaResponse onlyGarbage = lambda.invoke(HttpEvent.request("POST", "/v1/credentials/revoke")
                .json(body(List.of(unknown, "garbage", "x", "y", "z"))));
        assertEquals(200, mixed.status(), mixed.body());
        assertEquals(mixed.body(), onlyGarbage.body(), "the answer must not reveal which values were genuine");
        assertEquals("{\"received\":5}", mixed.body());

        assertEquals(ValidateToken.Code.REVOKED, code(leaked.value()));
        assertEquals(ValidateToken.Code.VALID, code(bystander.value()));
        List<AuditEvent> events = b.bean(AuditLog.class).page("acme", Instant.EPOCH, Instant.now().plusSeconds(60), null, 1000).events();
        assertEquals(1, events.stream().filter(e -> e.action() == AuditEvent.Action.LEAK_REPORT && leaked.token().id().equals(e.tokenId())).count());
        assertEquals(0, events.stream().filter(e -> e.action() == AuditEvent.Action.LEAK_REPORT && alreadyRevoked.token().id().equals(e.tokenId())).count());
    }

    @Test
    void aThousandValuesAreAcceptedAndOneMoreIsNot() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            values.add("v" + i);
        }
        assertEquals(200, lambda.invoke(HttpEvent.request("POST", "/v1/credentials/revoke").json(body(values))).status());
        values.add("one-more");
        LambdaResponse tooMany = lambda.invoke(HttpEvent.request("POST", "/v1/credentials/revoke").json(body(values)));
        assertEquals(400, tooMany.status());
        tooMany.errorBody();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"credentials\":[]}", "{\"credentials\":\"lkw_x\"}", "{\"credentials\":[1,2]}",
            "{\"credentials\":[null]}", "[]", "{bad", "{\"credentials\":[{\"a\":1}]}"})
    void malformedReportsAre400(String body) {
        LambdaResponse r = lambda.invoke(HttpEvent.request("POST", "/v1/credentials/revoke").json(body));
        assertEquals(400, r.status(), r.body());
        r.errorBody();
    }

    @Test
    void wrongMediaTypeAndHugeBodiesAreRefused() {
        assertEquals(415, lambda.invoke(HttpEvent.request("POST", "/v1/credentials/revoke").header("content-type", "text/plain")
                .body("{\"credentials\":[\"x\"]}")).status());
        assertEquals(413, lambda.invoke(HttpEvent.request("POST", "/v1/credentials/revoke")
                .json("{\"credentials\":[\"" + "a".repeat(2 * 1024 * 1024) + "\"]}")).status());
    }
}
