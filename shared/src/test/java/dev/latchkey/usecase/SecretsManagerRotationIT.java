package dev.latchkey.usecase;

import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.Scope;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.SecretDocument;
import dev.latchkey.store.TokenStore;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.LocalSecretsManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Secrets Manager rotation-function contract, step by step, each step run twice as Secrets Manager retries. */
class SecretsManagerRotationIT {

    static Backend b;
    static IssuedToken owner;
    static SecretsManagerClient sm;

    @BeforeAll
    static void start() {
        LocalSecretsManager.endpoint();
        sm = LocalSecretsManager.client();
        b = Backend.start();
        owner = b.owner("acme");
        b.workspace("acme", "ws-1");
    }

    @AfterAll
    static void stop() {
        b.close();
        sm.close();
    }

    static IssuedToken withCopy(RotationRequest policy) {
        return b.bean(CreateToken.class).create(b.caller(owner), "acme", new CreateTokenCommand("ci", null, Scope.WORKSPACE,
                "ws-1", "WORKSPACE_AUTHOR", null, null, new SecretCopyRequest(null), policy), null);
    }

    static String value(String arn, String stage) {
        return SecretDocument.parse(sm.getSecretValue(r -> r.secretId(arn).versionStage(stage)).secretString()).orElseThrow().token();
    }

    static String valueOf(String arn, String versionId) {
        return SecretDocument.parse(sm.getSecretValue(r -> r.secretId(arn).versionId(versionId)).secretString()).orElseThrow().token();
    }

    static ValidateToken.Code code(String value) {
        return b.bean(ValidateToken.class).validate(value, ResourcePath.none(), null).code();
    }

    static void step(String step, String arn, String version) {
        b.bean(SecretsManagerRotation.class).run(step, arn, version);
    }

    @Test
    void everyStepIsIdempotentAndTheCycleRotatesTheToken() {
        IssuedToken t = withCopy(new RotationRequest(30, 120L));
        String arn = t.token().secretCopy().secretArn();
        String version = UUID.randomUUID().toString();

        step("createSecret", arn, version);
        String pending = valueOf(arn, version);
        step("createSecret", arn, version);
        assertEquals(pending, valueOf(arn, version), "a retried createSecret keeps the first pending value");
        assertNotEquals(t.value(), pending);
        assertEquals(ValidateToken.Code.NOT_FOUND, code(pending), "AWSPENDING is not valid before setSecret");
        assertEquals(t.value(), value(arn, "AWSCURRENT"));

        step("setSecret", arn, version);
        long afterSet = b.bean(TokenStore.class).find("acme", t.token().id()).orElseThrow().version();
        step("setSecret", arn, version);
        assertEquals(afterSet, b.bean(TokenStore.class).find("acme", t.token().id()).orElseThrow().version(),
                "a retried setSecret changes nothing");
        assertEquals(ValidateToken.Code.VALID, code(pending));
        assertEquals(ValidateToken.Code.VALID, code(t.value()), "the previous value is in its grace period");

        step("testSecret", arn, version);
        step("testSecret", arn, version);

        step("finishSecret", arn, version);
        step("finishSecret", arn, version);
        assertEquals(pending, value(arn, "AWSCURRENT"));
        assertEquals(t.value(), value(arn, "AWSPREVIOUS"));

        b.clock().advance(Duration.ofSeconds(120));
        assertEquals(ValidateToken.Code.REVOKED, code(t.value()), "the previous value dies when its grace ends");
        assertEquals(ValidateToken.Code.VALID, code(pending));
    }

    @Test
    void aRotationAbandonedAfterCreateSecretLeavesTheCurrentValueWorking() {
        IssuedToken t = withCopy(null);
        String arn = t.token().secretCopy().secretArn();
        String abandoned = UUID.randomUUID().toString();
        step("createSecret", arn, abandoned);
        ApiToken unchanged = b.bean(TokenStore.class).find("acme", t.token().id()).orElseThrow();
        assertEquals(t.token().version(), unchanged.version());
        assertEquals(ValidateToken.Code.VALID, code(t.value()));
        assertEquals(t.value(), value(arn, "AWSCURRENT"));

        String next = UUID.randomUUID().toString();
        for (String s : new String[]{"createSecret", "setSecret", "testSecret", "finishSecret"}) {
            step(s, arn, next);
        }
        assertEquals(ValidateToken.Code.VALID, code(value(arn, "AWSCURRENT")));
        assertNotEquals(t.value(), value(arn, "AWSCURRENT"));
    }

    @Test
    void testSecretFailsWhenThePendingValueIsNotLiveAndBadEventsAreRefused() {
        IssuedToken t = withCopy(null);
        String arn = t.token().secretCopy().secretArn();
        String version = UUID.randomUUID().toString();
        step("createSecret", arn, version);
        LatchkeyException e = assertThrows(LatchkeyException.class, () -> step("testSecret", arn, version));
        assertEquals(LatchkeyException.Kind.CONFLICT, e.kind());
        assertEquals(LatchkeyException.Kind.INVALID_INPUT, assertThrows(LatchkeyException.class, () -> step("explode", arn, version)).kind());
        assertEquals(LatchkeyException.Kind.INVALID_INPUT, assertThrows(LatchkeyException.class, () -> step(null, arn, version)).kind());
        String foreign = sm.createSecret(r -> r.name("not-latchkey-" + System.nanoTime()).secretString("x")).arn();
        assertEquals(LatchkeyException.Kind.INVALID_INPUT, assertThrows(LatchkeyException.class, () -> step("createSecret", foreign, version)).kind());
        assertEquals(ValidateToken.Code.VALID, code(t.value()));
    }
}
