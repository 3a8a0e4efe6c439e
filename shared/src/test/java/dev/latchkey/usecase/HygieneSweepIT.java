package dev.latchkey.usecase;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Scope;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.EventsFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.latchkey.usecase.ValidateToken.Code.REVOKED;
import static dev.latchkey.usecase.ValidateToken.Code.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The idle and expiry sweep on DynamoDB Local with a clock the test moves, its events read back from the JSON-lines
 * file: due, not due, already notified, never used, no policy, policy changes, leak reports, two sweeps at once.
 * Every test has its own table, so that a sweep sees only that test's tokens.
 */
class HygieneSweepIT {

    static final String EXPIRING = "Token Expiring";
    static final String IDLE = "Token Idle Revoked";
    static final String LEAK = "Token Leak Revoked";

    Backend b;
    EventsFile events;
    IssuedToken owner;

    @BeforeEach
    void start() {
        events = EventsFile.create();
        b = Backend.start(Map.of(EventsFile.PROPERTY, events.path().toString()));
        owner = b.owner("acme");
        b.workspace("acme", "ws-1");
    }

    @AfterEach
    void stop() {
        b.close();
    }

    IssuedToken token(String name, Integer expiryDays) {
        return b.bean(CreateToken.class).create(b.caller(owner), "acme",
                new CreateTokenCommand(name, null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", expiryDays, null), null);
    }

    HygieneSweep.Summary sweep() {
        return b.bean(HygieneSweep.class).sweep();
    }

    void policy(Integer maxIdleDays, Integer expiryNoticeDays) {
        b.bean(OrganizationPolicies.class).put(b.caller(owner), "acme", new PolicyRequest(null, null, null, null, null, maxIdleDays, expiryNoticeDays));
    }

    ValidateToken.Code use(IssuedToken t) {
        return b.bean(ValidateToken.class).validate(t.value(), ResourcePath.none(), null).code();
    }

    /** Whether the token still exists, without validating it (which would record a use). */
    boolean exists(IssuedToken t) {
        return b.bean(dev.latchkey.store.TokenStore.class).find("acme", t.token().id()).isPresent();
    }

    void advance(Duration by) {
        b.clock().advance(by);
    }

    @Test
    void anExpiryNoticeGoesOutOnceWhenDueAndNotBefore() {
        IssuedToken t = token("expiring", 10);
        assertEquals(0, sweep().noticesSent(), "10 days before endAt is outside the default 7-day notice");
        assertTrue(events.lines().isEmpty());

        advance(Duration.ofDays(3).plusMinutes(1));
        assertEquals(1, sweep().noticesSent());
        List<JsonNode> sent = events.events(EXPIRING, t.token().id());
        assertEquals(1, sent.size(), events.lines().toString());
        JsonNode event = sent.get(0);
        assertEquals("latchkey", event.get("source").asText());
        JsonNode detail = event.get("detail");
        assertEquals("acme", detail.get("organizationId").asText());
        assertEquals("expiring", detail.get("tokenName").asText());
        assertEquals("WORKSPACE", detail.get("scope").asText());
        assertEquals("ws-1", detail.get("entityId").asText());
        assertEquals("EXPIRING", detail.get("reason").asText());
        assertEquals(t.token().lifetime().window().endAt(), Instant.parse(detail.get("endAt").asText()));
        assertTrue(detail.get("lastUsedAt").isNull(), "never used");
        assertFalse(String.join("\n", events.lines()).contains(t.value()), "never the value");

        advance(Duration.ofDays(1));
        assertEquals(0, sweep().noticesSent(), "already notified");
        assertEquals(1, events.events(EXPIRING, t.token().id()).size());
    }

    @Test
    void aChangedNoticeAppliesToTokensThatExistAlready() {
        IssuedToken far = token("far", 20);
        IssuedToken near = token("near", 5);
        policy(null, 0);
        sweep();
        assertTrue(events.lines().isEmpty(), "0 sends no notice, not even for a token 5 days from expiry");

        policy(null, 30);
        sweep();
        assertEquals(1, events.events(EXPIRING, far.token().id()).size(), "a longer notice reaches a token made before it");
        assertEquals(1, events.events(EXPIRING, near.token().id()).size());
    }

    @Test
    void idleTokensAreRevokedAuditedAndAnnouncedOnce() {
        IssuedToken neverUsed = token("never used", null);
        IssuedToken usedOnce = token("used once", null);
        IssuedToken busy = token("busy", null);
        policy(30, null);
        advance(Duration.ofDays(10));
        use(usedOnce);
        advance(Duration.ofDays(20).plusMinutes(1));
        use(busy);
        use(owner);

        HygieneSweep.Summary first = sweep();
        assertEquals(1, first.idleRevoked(), "only the token idle since its creation, 30 days ago");
        assertEquals(REVOKED, use(neverUsed));
        assertTrue(exists(usedOnce), "used 20 days ago");
        assertTrue(exists(busy));
        List<JsonNode> sent = events.events(IDLE, neverUsed.token().id());
        assertEquals(1, sent.size(), events.lines().toString());
        assertEquals("IDLE", sent.get(0).get("detail").get("reason").asText());
        assertTrue(sent.get(0).get("detail").get("lastUsedAt").isNull());
        assertEquals(neverUsed.token().history().createdAt(), Instant.parse(sent.get(0).get("detail").get("createdAt").asText()));
        List<AuditEvent> audit = b.bean(AuditQueries.class).page(b.caller(owner), "acme", null, null, null, null).events().stream()
                .filter(e -> neverUsed.token().id().equals(e.tokenId()) && e.action() == AuditEvent.Action.DELETE).toList();
        assertEquals(1, audit.size());
        assertTrue(audit.get(0).detail().startsWith("reason IDLE"), audit.get(0).detail());
        assertEquals(HygieneSweep.SWEEP.id(), audit.get(0).actorId());

        advance(Duration.ofDays(10));
        use(owner);
        use(busy);
        sweep();
        assertEquals(REVOKED, use(usedOnce), "its last use is now 30 days old");
        assertEquals(1, events.events(IDLE, usedOnce.token().id()).size());
        assertEquals(1, events.events(IDLE, neverUsed.token().id()).size(), "still one");
        assertTrue(exists(busy));
    }

    @Test
    void withoutAnIdleLimitNothingIsRevoked() {
        IssuedToken t = token("old", null);
        advance(Duration.ofDays(4000));
        HygieneSweep.Summary summary = sweep();
        assertEquals(0, summary.idleRevoked());
        assertEquals(VALID, use(t));
        assertEquals(VALID, use(owner));
        assertTrue(events.lines().isEmpty());
    }

    @Test
    void anIdleLimitSetLaterCountsFromTheLastUse() {
        IssuedToken t = token("old", null);
        advance(Duration.ofDays(100));
        use(owner);
        policy(90, null);
        sweep();
        assertEquals(REVOKED, use(t), "idle for 100 days when a 90-day limit arrived");
        assertEquals(VALID, use(owner));
    }

    @Test
    void aLeakReportIsAnnouncedOnce() {
        IssuedToken t = token("leaked", null);
        b.bean(RevokeLeakedCredentials.class).report(List.of(t.value()), "req-1");
        assertTrue(events.lines().isEmpty(), "the leak route sends nothing itself");
        sweep();
        sweep();
        List<JsonNode> sent = events.events(LEAK, t.token().id());
        assertEquals(1, sent.size(), events.lines().toString());
        assertEquals("LEAK", sent.get(0).get("detail").get("reason").asText());
        assertTrue(sent.get(0).get("detail").hasNonNull("revokedAt"));
        assertEquals(1, events.lines().size(), "nothing else");
    }

    @Test
    void aPlainDeleteIsNotAnnounced() {
        IssuedToken t = token("deleted", 3);
        b.bean(RevokeToken.class).revoke(b.caller(owner), "acme", t.token().id());
        sweep();
        assertTrue(events.lines().isEmpty(), events.lines().toString());
    }

    @Test
    void twoSweepsAtOnceRevokeOnceAndSendEachEventOnce() throws Exception {
        IssuedToken idle = token("idle", null);
        IssuedToken expiring = token("expiring", 40);
        IssuedToken leaked = token("leaked", null);
        policy(30, null);
        advance(Duration.ofDays(35));
        use(owner);
        use(expiring);
        use(leaked);
        b.bean(RevokeLeakedCredentials.class).report(List.of(leaked.value()), "req-1");

        HygieneSweep sweep = b.bean(HygieneSweep.class);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HygieneSweep.Summary>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return sweep.sweep();
                }));
            }
            go.countDown();
            int revoked = 0;
            int sent = 0;
            for (Future<HygieneSweep.Summary> run : runs) {
                revoked += run.get().idleRevoked();
                sent += run.get().noticesSent();
                assertEquals(0, run.get().failed());
            }
            // The idle notice is queued by whichever sweep revoked; a sweep that read the queue before may leave it.
            sweep();
            assertEquals(1, revoked, "one revocation");
            assertEquals(1, events.events(IDLE, idle.token().id()).size(), events.lines().toString());
            assertEquals(1, events.events(EXPIRING, expiring.token().id()).size(), events.lines().toString());
            assertEquals(1, events.events(LEAK, leaked.token().id()).size(), events.lines().toString());
            assertEquals(3, events.lines().size(), events.lines().toString());
            assertTrue(sent <= 3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNoticeThatCouldNotBeSentIsTriedAgain() {
        // A second context on the same table whose events file cannot be written (its parent is a file).
        IssuedToken t = token("expiring", 2);
        String broken = events.path().resolveSibling("not-a-dir").toString();
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(broken), "x");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (Backend failing = Backend.startOn(b.table(), Map.of(EventsFile.PROPERTY, broken + "/events.jsonl"), b.clock())) {
            HygieneSweep.Summary summary = failing.bean(HygieneSweep.class).sweep();
            assertEquals(1, summary.failed());
            assertEquals(0, summary.noticesSent());
        }
        assertEquals(1, sweep().noticesSent(), "released, so the next sweep sends it at once");
        assertEquals(1, events.events(EXPIRING, t.token().id()).size());
    }

    @Test
    void policyBoundsAreFieldErrors() {
        OrganizationPolicies policies = b.bean(OrganizationPolicies.class);
        for (PolicyRequest bad : List.of(new PolicyRequest(null, null, null, null, null, 0, null),
                new PolicyRequest(null, null, null, null, null, OrganizationPolicies.MAX_IDLE_DAYS + 1, null),
                new PolicyRequest(null, null, null, null, null, null, -1),
                new PolicyRequest(null, null, null, null, null, null, OrganizationPolicies.MAX_EXPIRY_NOTICE_DAYS + 1))) {
            LatchkeyException e = assertThrows(LatchkeyException.class, () -> policies.put(b.caller(owner), "acme", bad));
            assertEquals(LatchkeyException.Kind.INVALID_INPUT, e.kind());
            assertEquals(bad.maxIdleDays() != null ? "maxIdleDays" : "expiryNoticeDays", e.fieldErrors().get(0).field());
        }
        assertEquals(null, policies.get(b.caller(owner), "acme").maxIdleDays(), "nothing was stored");
    }
}
