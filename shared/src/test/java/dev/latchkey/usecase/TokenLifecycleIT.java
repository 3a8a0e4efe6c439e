package dev.latchkey.usecase;

import dev.latchkey.access.ResourcePath;
import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.Scope;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.TokenStore;
import dev.latchkey.store.dynamodb.DynamoDbTokenStore;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.CountingTokenStore;
import dev.latchkey.testing.LocalDynamo;
import dev.latchkey.token.PepperRing;
import dev.latchkey.token.TokenFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.latchkey.usecase.ValidateToken.Code.EXPIRED;
import static dev.latchkey.usecase.ValidateToken.Code.MALFORMED;
import static dev.latchkey.usecase.ValidateToken.Code.NOT_FOUND;
import static dev.latchkey.usecase.ValidateToken.Code.REVOKED;
import static dev.latchkey.usecase.ValidateToken.Code.SCOPE_MISMATCH;
import static dev.latchkey.usecase.ValidateToken.Code.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token lifecycle against DynamoDB Local, through the use cases the functions call. */
class TokenLifecycleIT {

    static Backend b;
    static IssuedToken owner;

    @BeforeAll
    static void start() {
        b = Backend.start();
        owner = b.owner("acme");
        b.workspace("acme", "ws-1");
        b.workspace("acme", "ws-2");
        b.deployment("acme", "dep-1", "ws-1");
    }

    @AfterAll
    static void stop() {
        b.close();
    }

    static ValidateToken.Code code(String value) {
        return b.bean(ValidateToken.class).validate(value, ResourcePath.none(), null).code();
    }

    static IssuedToken workspaceToken(String role) {
        return b.token(owner, "acme", Scope.WORKSPACE, "ws-1", role);
    }

    static IssuedToken rotate(IssuedToken t, Long grace) {
        return b.bean(RotateToken.class).rotate(b.caller(owner), "acme", t.token().id(), grace);
    }

    @Test
    void createdTokenValidatesAndCarriesItsMetadata() {
        IssuedToken t = workspaceToken("WORKSPACE_AUTHOR");
        ValidateToken.Outcome outcome = b.bean(ValidateToken.class).validate(t.value(),
                new ResourcePath("acme", "ws-1", "dep-1", null), "deployment.deploy");
        assertEquals(VALID, outcome.code());
        assertEquals(t.token().id(), outcome.token().tokenId());
        assertEquals("ws-1", outcome.token().grant().entityId());
    }

    @Test
    void rotationWithoutGraceKillsTheOldValueOnTheNextValidate() {
        IssuedToken t = workspaceToken("WORKSPACE_MEMBER");
        IssuedToken rotated = rotate(t, null);
        assertEquals(t.token().id(), rotated.token().id());
        assertNotEquals(t.value(), rotated.value());
        assertNotNull(rotated.token().history().lastRotatedAt());
        assertEquals(REVOKED, code(t.value()));
        assertEquals(VALID, code(rotated.value()));
    }

    @Test
    void graceKeepsThePreviousValueExactlyThatLong() {
        IssuedToken t = workspaceToken("WORKSPACE_MEMBER");
        IssuedToken rotated = rotate(t, 30L);
        assertEquals(VALID, code(t.value()));
        b.clock().advance(Duration.ofSeconds(29));
        assertEquals(VALID, code(t.value()));
        b.clock().advance(Duration.ofSeconds(1));
        assertEquals(REVOKED, code(t.value()));
        assertEquals(VALID, code(rotated.value()));
    }

    @Test
    void aSecondRotationEndsTheFirstValuesGraceAtOnce() {
        IssuedToken first = workspaceToken("WORKSPACE_MEMBER");
        IssuedToken second = rotate(first, 600L);
        IssuedToken third = rotate(second, 600L);
        assertEquals(REVOKED, code(first.value()));
        assertEquals(VALID, code(second.value()));
        assertEquals(VALID, code(third.value()));
    }

    @Test
    void deletedValueIsRefusedOnTheVeryNextValidate() {
        IssuedToken t = workspaceToken("WORKSPACE_MEMBER");
        IssuedToken rotated = rotate(t, 600L);
        b.bean(RevokeToken.class).revoke(b.caller(owner), "acme", t.token().id());
        assertEquals(REVOKED, code(rotated.value()));
        assertEquals(REVOKED, code(t.value()), "a value still in its grace period dies with the token");
        assertTrue(b.bean(TokenStore.class).find("acme", t.token().id()).isEmpty());
    }

    @Test
    void sixteenConcurrentRotationsLeaveExactlyOneLiveValue() throws Exception {
        IssuedToken t = workspaceToken("WORKSPACE_MEMBER");
        List<Callable<IssuedToken>> rotations = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 16; i++) {
            rotations.add(() -> {
                go.await();
                return rotate(t, null);
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<String> values = new ArrayList<>(List.of(t.value()));
        int conflicts = 0;
        try {
            List<Future<IssuedToken>> futures = rotations.stream().map(pool::submit).toList();
            go.countDown();
            for (Future<IssuedToken> f : futures) {
                try {
                    values.add(f.get().value());
                } catch (java.util.concurrent.ExecutionException e) {
                    LatchkeyException cause = (LatchkeyException) e.getCause();
                    assertEquals(LatchkeyException.Kind.CONFLICT, cause.kind());
                    conflicts++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long live = values.stream().filter(v -> code(v) == VALID).count();
        assertEquals(1, live, "exactly one value may survive");
        assertEquals(17, values.size() + conflicts);
        ApiToken stored = b.bean(TokenStore.class).find("acme", t.token().id()).orElseThrow();
        assertEquals(1 + (values.size() - 1), stored.history().version(), "every successful rotation bumped the version once");
    }

    @Test
    void concurrentRoleUpdatesNeverLoseAnUpdateSilently() throws Exception {
        IssuedToken t = workspaceToken("WORKSPACE_MEMBER");
        long before = b.bean(TokenStore.class).find("acme", t.token().id()).orElseThrow().history().version();
        // Distinct, and none equal to the current role: every accepted update is a real change (a repeated role
        // could find its value already set and rightly change nothing).
        String[] roles = {"WORKSPACE_ACCESSOR", "WORKSPACE_AUTHOR", "WORKSPACE_OPERATOR", "WORKSPACE_OWNER"};
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger applied = new AtomicInteger();
        List<String> winners = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(roles.length);
        List<Future<?>> futures = new ArrayList<>();
        for (String role : roles) {
            futures.add(pool.submit(() -> {
                go.await();
                try {
                    b.roles(owner, t, List.of(new RoleInput("WORKSPACE", "ws-1", role, null)));
                    applied.incrementAndGet();
                    winners.add(role);
                } catch (LatchkeyException e) {
                    assertEquals(LatchkeyException.Kind.CONFLICT, e.kind());
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdownNow();
        ApiToken after = b.bean(TokenStore.class).find("acme", t.token().id()).orElseThrow();
        assertTrue(applied.get() >= 1);
        assertEquals(before + applied.get(), after.history().version(), "each accepted update is one version: none overwritten unseen");
        assertTrue(winners.contains(after.grant().roles().get(0).role().name()));
    }

    @Test
    void expiredAndScopeMismatchedValuesAreTold() {
        IssuedToken t = b.bean(CreateToken.class).create(b.caller(owner), "acme",
                new CreateTokenCommand("short-lived", null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", 1, null), null);
        assertEquals(SCOPE_MISMATCH, b.bean(ValidateToken.class).validate(t.value(), new ResourcePath("acme", "ws-2", null, null), null).code());
        assertEquals(SCOPE_MISMATCH, b.bean(ValidateToken.class).validate(t.value(), new ResourcePath("other", null, null, null), null).code());
        b.clock().advance(Duration.ofDays(1));
        assertEquals(EXPIRED, code(t.value()));
    }

    @Test
    void malformedValuesCostNoReadAndUnknownOnesExactlyOne() {
        CountingTokenStore counting = new CountingTokenStore(b.bean(TokenStore.class));
        TokenLookup lookup = new TokenLookup(b.bean(TokenValues.class), b.bean(PepperRing.class), counting.store(), b.clockBean(),
                b.bean(LatchkeyConfiguration.class));
        ValidateToken validate = new ValidateToken(lookup, counting.store(), b.bean(Auditor.class));
        String genuine = workspaceToken("WORKSPACE_MEMBER").value();
        String typo = genuine.substring(0, 20) + (genuine.charAt(20) == 'x' ? 'y' : 'x') + genuine.substring(21);
        assertEquals(MALFORMED, validate.validate(typo, ResourcePath.none(), null).code());
        assertEquals(MALFORMED, validate.validate("lkw_" + "a".repeat(5000), ResourcePath.none(), null).code());
        assertEquals(0, counting.calls("findHash"));
        String unknown = b.bean(TokenFormat.class).mint(Scope.WORKSPACE, new java.security.SecureRandom());
        assertEquals(NOT_FOUND, validate.validate(unknown, ResourcePath.none(), null).code());
        assertEquals(1, counting.calls("findHash"));
        assertEquals(VALID, validate.validate(genuine, ResourcePath.none(), null).code());
        assertEquals(2, counting.calls("findHash"));
    }

    @Test
    void lastUsedAtIsWrittenAtMostOnceAMinute() {
        IssuedToken t = workspaceToken("WORKSPACE_MEMBER");
        TokenStore store = b.bean(TokenStore.class);
        code(t.value());
        var first = store.find("acme", t.token().id()).orElseThrow().history().lastUsedAt();
        assertNotNull(first);
        b.clock().advance(Duration.ofSeconds(30));
        code(t.value());
        assertEquals(first, store.find("acme", t.token().id()).orElseThrow().history().lastUsedAt());
        b.clock().advance(Duration.ofSeconds(31));
        code(t.value());
        assertEquals(first.plusSeconds(61), store.find("acme", t.token().id()).orElseThrow().history().lastUsedAt());
    }

    @Test
    void idempotentCreateReplaysTheFirstAnswer() {
        CreateTokenCommand cmd = new CreateTokenCommand("deploy bot", null, Scope.WORKSPACE, "ws-2", "WORKSPACE_MEMBER", null, null);
        int before = b.bean(TokenStore.class).list("acme").size();
        IssuedToken first = b.bean(CreateToken.class).create(b.caller(owner), "acme", cmd, "retry-me-1");
        IssuedToken again = b.bean(CreateToken.class).create(b.caller(owner), "acme", cmd, "retry-me-1");
        assertEquals(first.token().id(), again.token().id());
        assertEquals(first.value(), again.value());
        assertEquals(before + 1, b.bean(TokenStore.class).list("acme").size());
        CreateTokenCommand other = new CreateTokenCommand("other bot", null, Scope.WORKSPACE, "ws-2", "WORKSPACE_MEMBER", null, null);
        LatchkeyException e = assertThrows(LatchkeyException.class,
                () -> b.bean(CreateToken.class).create(b.caller(owner), "acme", other, "retry-me-1"));
        assertEquals(LatchkeyException.Kind.CONFLICT, e.kind());
        assertEquals(before + 1, b.bean(TokenStore.class).list("acme").size());
    }

    @Test
    void aWorkspaceOperatorChangesOnlyItsOwnEntriesOfAnOrganizationToken() {
        IssuedToken orgToken = b.token(owner, "acme", Scope.ORGANIZATION, "acme", "ORGANIZATION_MEMBER");
        b.roles(owner, orgToken, List.of(new RoleInput("ORGANIZATION", "acme", "ORGANIZATION_MEMBER", null),
                new RoleInput("WORKSPACE", "ws-1", "WORKSPACE_MEMBER", null),
                new RoleInput("WORKSPACE", "ws-2", "WORKSPACE_MEMBER", null)));
        IssuedToken operator = workspaceToken("WORKSPACE_OPERATOR");

        b.roles(operator, orgToken, List.of(new RoleInput("ORGANIZATION", "acme", "ORGANIZATION_MEMBER", null),
                new RoleInput("WORKSPACE", "ws-1", "WORKSPACE_AUTHOR", null),
                new RoleInput("WORKSPACE", "ws-2", "WORKSPACE_MEMBER", null)));
        assertEquals(VALID, b.bean(ValidateToken.class).validate(orgToken.value(), new ResourcePath("acme", "ws-1", "dep-1", null), "deployment.deploy").code());

        LatchkeyException outside = assertThrows(LatchkeyException.class, () -> b.roles(operator, orgToken, List.of(
                new RoleInput("ORGANIZATION", "acme", "ORGANIZATION_MEMBER", null),
                new RoleInput("WORKSPACE", "ws-1", "WORKSPACE_AUTHOR", null))));
        assertEquals(LatchkeyException.Kind.FORBIDDEN, outside.kind());
        LatchkeyException escalation = assertThrows(LatchkeyException.class, () -> b.roles(operator, orgToken, List.of(
                new RoleInput("ORGANIZATION", "acme", "ORGANIZATION_MEMBER", null),
                new RoleInput("WORKSPACE", "ws-1", "WORKSPACE_OWNER", null),
                new RoleInput("WORKSPACE", "ws-2", "WORKSPACE_MEMBER", null))));
        assertEquals(LatchkeyException.Kind.FORBIDDEN, escalation.kind());
        assertEquals(LatchkeyException.Kind.FORBIDDEN, assertThrows(LatchkeyException.class,
                () -> b.bean(RotateToken.class).rotate(b.caller(operator), "acme", orgToken.token().id(), null)).kind());
        assertEquals(LatchkeyException.Kind.FORBIDDEN, assertThrows(LatchkeyException.class,
                () -> b.bean(RevokeToken.class).revoke(b.caller(operator), "acme", orgToken.token().id())).kind());
        assertEquals(VALID, code(orgToken.value()));
    }

    @Test
    void anotherOrganizationSeesNotFound() {
        IssuedToken otherOwner = b.owner("globex");
        IssuedToken t = workspaceToken("WORKSPACE_MEMBER");
        LatchkeyException e = assertThrows(LatchkeyException.class,
                () -> b.bean(TokenQueries.class).get(b.caller(otherOwner), "acme", t.token().id()));
        assertEquals(LatchkeyException.Kind.NOT_FOUND, e.kind());
        assertEquals(LatchkeyException.Kind.NOT_FOUND, assertThrows(LatchkeyException.class,
                () -> b.bean(RevokeToken.class).revoke(b.caller(otherOwner), "acme", t.token().id())).kind());
        assertEquals(VALID, code(t.value()));
    }

    @Test
    void anUnreachableTableIsBackendUnavailableNotACrash() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        DynamoDbClient dead = DynamoDbClient.builder()
                .endpointOverride(java.net.URI.create("http://127.0.0.1:" + deadPort))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(2)).retryStrategy(r -> r.maxAttempts(1)))
                .build();
        TokenStore store = new DynamoDbTokenStore(dead, b.table());
        LatchkeyException e = assertThrows(LatchkeyException.class, () -> store.findHash("v1:00"));
        assertEquals(LatchkeyException.Kind.BACKEND_UNAVAILABLE, e.kind());
        dead.close();
    }

    static DynamoDbClient client() {
        return LocalDynamo.client();
    }
}
