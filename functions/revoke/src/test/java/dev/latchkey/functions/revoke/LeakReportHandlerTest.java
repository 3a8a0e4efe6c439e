package dev.latchkey.functions.revoke;

import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.store.AuditLog;
import dev.latchkey.testing.Backend;
import dev.latchkey.token.TokenFormat;
import dev.latchkey.token.direct.Es256;
import dev.latchkey.usecase.CreateToken;
import dev.latchkey.usecase.CreateTokenCommand;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RevokeLeakedCredentials;
import dev.latchkey.usecase.RevokeToken;
import dev.latchkey.usecase.ValidateToken;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/credentials/revoke}: leaked values are revoked; the answer never tells which were genuine. */
class LeakReportHandlerTest {

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static IssuedToken owner;

    @BeforeAll
    static void seed() {
        Seed seed = Seed.organization(lambda.backend(), "acme").workspace("ws-1");
        owner = seed.ownerToken();
    }

    static String body(List<String> values) {
        return "{\"credentials\":[" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "]}";
    }

    static ValidateToken.Code code(String value) {
        return lambda.backend().bean(ValidateToken.class).validate(value, ResourcePath.none(), null).code();
    }

    static LambdaResponse report(List<String> values) {
        return lambda.invoke(HttpEvent.request("POST", "/v1/credentials/revoke").json(body(values)));
    }

    /** How many LEAK_REPORT events name the token. */
    static long leakReports(IssuedToken token) {
        List<AuditEvent> events = lambda.backend().bean(AuditLog.class)
                .page("acme", Instant.EPOCH, Instant.now().plusSeconds(60), null, 1000).events();
        return events.stream().filter(e -> e.action() == AuditEvent.Action.LEAK_REPORT && token.token().id().equals(e.tokenId())).count();
    }

    static IssuedToken directAccess() {
        Backend b = lambda.backend();
        return b.bean(CreateToken.class).create(b.caller(owner), "acme",
                new CreateTokenCommand("direct", null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", 7, TokenKind.DIRECT_ACCESS), null);
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
        assertEquals(1, leakReports(leaked));
        assertEquals(0, leakReports(alreadyRevoked));
    }

    @Test
    void aGenuineDirectAccessValueIsRevokedAndAForgedOneChangesNothing() {
        IssuedToken leaked = directAccess();
        IssuedToken named = directAccess();
        // The claims and kid of a real token, signed by a key that is not Latchkey's: only the signature is false.
        String[] parts = named.value().split("\\.");
        String input = parts[0] + "." + parts[1];
        String forged = input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                Es256.sign(input.getBytes(StandardCharsets.US_ASCII), Es256.generate("test-k1").privateKey()));

        LambdaResponse r = report(List.of(leaked.value(), forged));
        assertEquals(200, r.status(), r.body());
        assertEquals("{\"received\":2}", r.body());
        assertEquals(ValidateToken.Code.REVOKED, code(leaked.value()), "a reported direct-access value stops working");
        assertEquals(ValidateToken.Code.VALID, code(named.value()), "a forged value naming a token changes nothing");
        assertEquals(1, leakReports(leaked));
        assertEquals(0, leakReports(named));
    }

    @Test
    void twentyValuesAreAcceptedAndTwentyOneAreNot() {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            values.add("v" + i);
        }
        assertEquals(20, RevokeLeakedCredentials.MAX_CREDENTIALS);
        assertEquals(200, report(values).status());
        values.add("one-more");
        LambdaResponse tooMany = report(values);
        assertEquals(400, tooMany.status());
        assertTrue(tooMany.errorBody().get("message").asText().contains("20"), tooMany.body());
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
