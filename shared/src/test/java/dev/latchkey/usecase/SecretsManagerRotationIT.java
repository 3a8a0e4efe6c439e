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
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        long afterSet = b.bean(TokenStore.class).find("acme", t.token().id()).orElseThrow().history().version();
        step("setSecret", arn, version);
        assertEquals(afterSet, b.bean(TokenStore.class).find("acme", t.token().id()).orElseThrow().history().version(),
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
        assertEquals(t.token().history().version(), unchanged.history().version());
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

    /** A secret anyone could make, tagged to claim {@code target}. */
    static String taggedClaiming(IssuedToken target) {
        return sm.createSecret(r -> r.name("attacker/loot-" + System.nanoTime()).secretString("{}").tags(
                t -> t.key("latchkey:tokenId").value(target.token().id()),
                t -> t.key("latchkey:organizationId").value(target.token().organizationId()))).arn();
    }

    static void assertRefusedWithoutMinting(String arn, IssuedToken claimed) {
        String version = UUID.randomUUID().toString();
        for (String s : new String[]{"createSecret", "setSecret", "testSecret", "finishSecret"}) {
            LatchkeyException e = assertThrows(LatchkeyException.class, () -> step(s, arn, version), s);
            assertEquals(LatchkeyException.Kind.FORBIDDEN, e.kind(), s);
            assertTrue(e.getMessage().contains("is not that token's Secrets Manager copy"), e.getMessage());
        }
        var versions = sm.listSecretVersionIds(r -> r.secretId(arn)).versions();
        assertEquals(1, versions.size(), "no pending value was written into the foreign secret");
        assertEquals(Map.of(), SecretDocument.parse(sm.getSecretValue(r -> r.secretId(arn)).secretString())
                .map(d -> Map.of("token", d.token())).orElse(Map.of()), "the foreign secret holds no token value");
        ApiToken after = b.bean(TokenStore.class).find("acme", claimed.token().id()).orElseThrow();
        assertEquals(claimed.token().history().version(), after.history().version(), "the claimed token is unchanged");
        assertEquals(ValidateToken.Code.VALID, code(claimed.value()));
    }

    @Test
    void aForeignSecretTaggedWithATokenWithoutACopyIsRefused() {
        IssuedToken victim = owner;
        assertRefusedWithoutMinting(taggedClaiming(victim), victim);

        var events = b.bean(AuditQueries.class).page(b.caller(owner), "acme", null, null, null, 100).events();
        assertTrue(events.stream().anyMatch(e -> victim.token().id().equals(e.tokenId())
                        && e.outcome() == dev.latchkey.domain.AuditEvent.Outcome.DENIED
                        && e.action() == dev.latchkey.domain.AuditEvent.Action.ROTATE),
                "the refused attempt is in the organization's audit log: " + events);
    }

    @Test
    void aForeignSecretTaggedWithATokenThatHasAnotherCopyIsRefused() {
        IssuedToken victim = withCopy(null);
        assertRefusedWithoutMinting(taggedClaiming(victim), victim);
        assertEquals(victim.value(), value(victim.token().secretCopy().secretArn(), "AWSCURRENT"), "the real copy is untouched");
    }

    @Test
    void secretsManagerRotationKeepsToTheOrganizationsGraceCap() {
        b.bean(OrganizationPolicies.class).put(b.caller(owner), "acme", new PolicyRequest(null, false, 3600L, true));
        IssuedToken t = withCopy(new RotationRequest(30, 3000L));
        b.bean(OrganizationPolicies.class).put(b.caller(owner), "acme", new PolicyRequest(null, false, 60L, true));
        try {
            String arn = t.token().secretCopy().secretArn();
            String version = UUID.randomUUID().toString();
            step("createSecret", arn, version);
            step("setSecret", arn, version);
            b.clock().advance(Duration.ofSeconds(59));
            assertEquals(ValidateToken.Code.VALID, code(t.value()), "inside the policy's 60 s");
            b.clock().advance(Duration.ofSeconds(1));
            assertEquals(ValidateToken.Code.REVOKED, code(t.value()),
                    "the token asked for 3000 s, the policy now allows 60 s: the old value dies at 60 s");
        } finally {
            b.bean(OrganizationPolicies.class).put(b.caller(owner), "acme", new PolicyRequest(null, false, null, true));
        }
    }
}
