package dev.latchkey.usecase;

import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.Scope;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.SecretDocument;
import dev.latchkey.store.TokenStore;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.DeadSecretsManagerFactory;
import dev.latchkey.testing.LocalDynamo;
import dev.latchkey.testing.LocalSecretsManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets Manager copies on moto_server and the token table on DynamoDB Local: create, rotate, delete, failures. */
class SecretCopiesIT {

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

    static IssuedToken withCopy(String secretName, RotationRequest rotation) {
        return b.bean(CreateToken.class).create(b.caller(owner), "acme", new CreateTokenCommand("ci", null, Scope.WORKSPACE,
                "ws-1", "WORKSPACE_AUTHOR", null, null, new SecretCopyRequest(secretName), rotation), null);
    }

    static String current(String secretId, String stage) {
        return SecretDocument.parse(sm.getSecretValue(r -> r.secretId(secretId).versionStage(stage)).secretString()).orElseThrow().token();
    }

    static ValidateToken.Code code(String value) {
        return b.bean(ValidateToken.class).validate(value, ResourcePath.none(), null).code();
    }

    @Test
    void createWritesTheCopyUnderTheDefaultNameWithTags() {
        IssuedToken t = withCopy(null, null);
        assertEquals("latchkey/acme/" + t.token().id(), t.token().secretCopy().secretName());
        String json = sm.getSecretValue(r -> r.secretId(t.token().secretCopy().secretArn())).secretString();
        SecretDocument doc = SecretDocument.parse(json).orElseThrow();
        assertEquals(t.value(), doc.token());
        assertEquals(t.token().id(), doc.tokenId());
        assertEquals("acme", doc.organizationId());
        assertEquals(Scope.WORKSPACE, doc.scope());
        DescribeSecretResponse d = sm.describeSecret(r -> r.secretId(t.token().secretCopy().secretArn()));
        Map<String, String> tags = d.tags().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value));
        assertEquals(t.token().id(), tags.get("latchkey:tokenId"));
        assertEquals("acme", tags.get("latchkey:organizationId"));
        ApiToken stored = b.bean(TokenQueries.class).get(b.caller(owner), "acme", t.token().id());
        assertEquals(t.token().secretCopy(), stored.secretCopy());
    }

    @Test
    void createUnderACustomNameAndRefuseANameThatIsTaken() {
        IssuedToken t = withCopy("ci/deploy-token-" + System.nanoTime(), null);
        assertTrue(t.token().secretCopy().secretName().startsWith("ci/deploy-token-"));

        String taken = "ci/taken-" + System.nanoTime();
        sm.createSecret(r -> r.name(taken).secretString("someone else's"));
        int before = b.bean(TokenStore.class).list("acme").size();
        LatchkeyException e = assertThrows(LatchkeyException.class, () -> withCopy(taken, null));
        assertEquals(LatchkeyException.Kind.CONFLICT, e.kind());
        assertEquals(before, b.bean(TokenStore.class).list("acme").size());
        assertEquals("someone else's", sm.getSecretValue(r -> r.secretId(taken)).secretString());
    }

    @Test
    void aConfiguredPrefixConfinesCopyNames() {
        try (Backend confined = Backend.startOn(b.table(), Map.of("latchkey.secret-name-prefix", "team-a/"), b.clock())) {
            CreateToken create = confined.bean(CreateToken.class);
            LatchkeyException outside = assertThrows(LatchkeyException.class, () -> create.create(confined.caller(owner), "acme",
                    new CreateTokenCommand("ci", null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", null, null,
                            new SecretCopyRequest("ci/elsewhere"), null), null));
            assertEquals("OUTSIDE_PREFIX", outside.fieldErrors().get(0).code());
            IssuedToken inside = create.create(confined.caller(owner), "acme", new CreateTokenCommand("ci", null, Scope.WORKSPACE,
                    "ws-1", "WORKSPACE_MEMBER", null, null, new SecretCopyRequest(null), null), null);
            assertEquals("team-a/acme/" + inside.token().id(), inside.token().secretCopy().secretName());
        }
    }

    @Test
    void rotateMakesTheNewValueCurrentAndTheOldOnePrevious() {
        IssuedToken t = withCopy(null, null);
        IssuedToken rotated = b.bean(RotateToken.class).rotate(b.caller(owner), "acme", t.token().id(), null);
        String arn = t.token().secretCopy().secretArn();
        assertEquals(rotated.value(), current(arn, "AWSCURRENT"));
        assertEquals(t.value(), current(arn, "AWSPREVIOUS"));
        assertEquals(ValidateToken.Code.VALID, code(current(arn, "AWSCURRENT")));
        assertTrue(sm.listSecretVersionIds(r -> r.secretId(arn)).versions().stream().noneMatch(v -> v.versionStages().contains("AWSPENDING")),
                "no version is left pending after a completed rotation");
    }

    @Test
    void deleteRemovesTheSecret() {
        IssuedToken t = withCopy(null, null);
        RevokeToken.Outcome outcome = b.bean(RevokeToken.class).revoke(b.caller(owner), "acme", t.token().id());
        assertEquals(null, outcome.secretLeftOver());
        assertThrows(ResourceNotFoundException.class, () -> sm.describeSecret(r -> r.secretId(t.token().secretCopy().secretArn())));
        assertEquals(ValidateToken.Code.REVOKED, code(t.value()));
    }

    @Test
    void rotationPolicyNeedsACopyAndIsKeptOnTheToken() {
        LatchkeyException e = assertThrows(LatchkeyException.class, () -> b.bean(CreateToken.class).create(b.caller(owner), "acme",
                new CreateTokenCommand("x", null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", null, null, null,
                        new RotationRequest(30, 60L)), null));
        assertEquals(LatchkeyException.Kind.INVALID_INPUT, e.kind());
        assertTrue(e.getMessage().contains("Secrets Manager"));

        IssuedToken t = withCopy(null, new RotationRequest(30, 60L));
        assertEquals(30, t.token().rotation().everyDays());
        assertEquals(b.clock().instant().plus(Duration.ofDays(30)), t.token().rotation().nextRotationAt());

        ApiToken updated = b.bean(UpdateToken.class).update(b.caller(owner), "acme", t.token().id(), "ci", null, new RotationRequest(0, null));
        assertEquals(null, updated.rotation());
        ApiToken plain = b.token(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER").token();
        assertEquals(LatchkeyException.Kind.INVALID_INPUT, assertThrows(LatchkeyException.class, () -> b.bean(UpdateToken.class)
                .update(b.caller(owner), "acme", plain.id(), "p", null, new RotationRequest(7, 0L))).kind());
    }

    @Test
    void whenSecretsManagerIsDownCreateAndRotateChangeNothingAndDeleteStillRevokes() {
        IssuedToken healthy = withCopy(null, null);
        try (Backend dead = Backend.startOn(b.table(), Map.of(), b.clock(), DeadSecretsManagerFactory.ENVIRONMENT)) {
            var caller = dead.caller(owner);
            int tokens = dead.bean(TokenStore.class).list("acme").size();
            long hashes = hashItems();

            LatchkeyException create = assertThrows(LatchkeyException.class, () -> dead.bean(CreateToken.class).create(caller, "acme",
                    new CreateTokenCommand("ci", null, Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR", null, null,
                            new SecretCopyRequest(null), null), null));
            assertEquals(LatchkeyException.Kind.BACKEND_UNAVAILABLE, create.kind());
            assertEquals(tokens, dead.bean(TokenStore.class).list("acme").size());
            assertEquals(hashes, hashItems(), "no hash item may be left behind");

            LatchkeyException rotate = assertThrows(LatchkeyException.class,
                    () -> dead.bean(RotateToken.class).rotate(caller, "acme", healthy.token().id(), null));
            assertEquals(LatchkeyException.Kind.BACKEND_UNAVAILABLE, rotate.kind());
            assertEquals(ValidateToken.Code.VALID, code(healthy.value()), "the old value stays the live one");
            assertEquals(healthy.value(), current(healthy.token().secretCopy().secretArn(), "AWSCURRENT"));

            RevokeToken.Outcome revoked = dead.bean(RevokeToken.class).revoke(caller, "acme", healthy.token().id());
            assertEquals(healthy.token().secretCopy().secretArn(), revoked.secretLeftOver());
            assertNotNull(revoked.problem());
            assertEquals(ValidateToken.Code.REVOKED, code(healthy.value()));
        }
    }

    @Test
    void theScheduledSweepRotatesDueTokensOnceAndGoesOnPastFailures() throws Exception {
        try (Backend s = Backend.start()) {
            IssuedToken sOwner = s.owner("sweep");
            s.workspace("sweep", "ws");
            CreateToken create = s.bean(CreateToken.class);
            List<IssuedToken> due = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                due.add(create.create(s.caller(sOwner), "sweep", new CreateTokenCommand("due-" + i, null, Scope.WORKSPACE, "ws",
                        "WORKSPACE_MEMBER", null, null, new SecretCopyRequest(null), new RotationRequest(1, 30L)), null));
            }
            IssuedToken later = create.create(s.caller(sOwner), "sweep", new CreateTokenCommand("later", null, Scope.WORKSPACE, "ws",
                    "WORKSPACE_MEMBER", null, null, new SecretCopyRequest(null), new RotationRequest(7, 0L)), null);
            IssuedToken broken = create.create(s.caller(sOwner), "sweep", new CreateTokenCommand("broken", null, Scope.WORKSPACE, "ws",
                    "WORKSPACE_MEMBER", null, null, new SecretCopyRequest(null), new RotationRequest(1, 0L)), null);
            sm.deleteSecret(r -> r.secretId(broken.token().secretCopy().secretArn()).forceDeleteWithoutRecovery(true));

            assertEquals(new RotationSweep.Summary(0, 0, 0, 0), s.bean(RotationSweep.class).sweep(), "nothing is due yet");

            s.clock().advance(Duration.ofDays(1).plusSeconds(1));
            RotationSweep sweep = s.bean(RotationSweep.class);
            var first = CompletableFuture.supplyAsync(sweep::sweep);
            var second = CompletableFuture.supplyAsync(sweep::sweep);
            RotationSweep.Summary a = first.get();
            RotationSweep.Summary c = second.get();
            assertEquals(3, a.rotated() + c.rotated(), "each due token is rotated exactly once across both sweeps");
            int failed = a.failed() + c.failed();
            assertTrue(failed >= 1 && failed <= 2, "the broken token fails, in one sweep or both, and nothing else does");
            assertEquals(4, a.due(), "three due tokens and the broken one, seen through the sparse index");

            for (IssuedToken t : due) {
                ApiToken after = s.bean(TokenStore.class).find("sweep", t.token().id()).orElseThrow();
                assertEquals(2, after.history().version(), "rotated once");
                assertEquals(s.clock().instant().plus(Duration.ofDays(1)), after.rotation().nextRotationAt());
                String newValue = current(t.token().secretCopy().secretArn(), "AWSCURRENT");
                assertEquals(ValidateToken.Code.VALID, s.bean(ValidateToken.class).validate(newValue, ResourcePath.none(), null).code());
                assertEquals(ValidateToken.Code.VALID, s.bean(ValidateToken.class).validate(t.value(), ResourcePath.none(), null).code(),
                        "the previous value lives through its 30 s grace");
            }
            assertEquals(1, s.bean(TokenStore.class).find("sweep", later.token().id()).orElseThrow().history().version(), "not due, not rotated");
            assertEquals(ValidateToken.Code.VALID, s.bean(ValidateToken.class).validate(broken.value(), ResourcePath.none(), null).code(),
                    "a failed rotation leaves the current value working");
        }
    }

    static long hashItems() {
        try (var client = LocalDynamo.client()) {
            return client.scanPaginator(r -> r.tableName(b.table())).items().stream()
                    .filter(i -> i.get("pk").s().startsWith("HASH#")).count();
        }
    }
}
