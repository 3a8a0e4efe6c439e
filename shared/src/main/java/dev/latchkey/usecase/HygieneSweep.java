package dev.latchkey.usecase;

import dev.latchkey.domain.Actor;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.OrganizationPolicy;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.store.TokenEvents;
import dev.latchkey.store.TokenHygiene;
import dev.latchkey.store.TokenNotice;
import dev.latchkey.store.TokenStore;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduled idle and expiry hygiene, run after the rotation sweep by the same schedule:
 * <ol>
 * <li>revokes every token of an organization with {@code maxIdleDays} whose last use (or, never used, creation) is
 * older than that, audited as a DELETE with reason IDLE, queuing its {@code Token Idle Revoked} event;</li>
 * <li>sends {@code Token Expiring} for every token whose {@code endAt} is within its organization's
 * {@code expiryNoticeDays};</li>
 * <li>sends the queued {@code Token Idle Revoked} and {@code Token Leak Revoked} events.</li>
 * </ol>
 * Thresholds are the organizations' policies at the time of the sweep, never a deadline computed earlier, so a policy
 * change applies to existing tokens at the next sweep. Every notice is claimed before it is sent ({@link TokenHygiene}):
 * two sweeps at once send it once; one that dies after sending and before marking lets it go out again after
 * {@link #LEASE} (at least once; each event's {@code noticeId} is stable). One failing token stops nothing else.
 */
@Singleton
public class HygieneSweep {

    private static final Logger LOG = LoggerFactory.getLogger(HygieneSweep.class);
    static final Actor SWEEP = new Actor("hygiene-sweep", "idle and expiry sweep");
    static final int BATCH = 500;
    /**
     * Expiring tokens are read soonest first over the longest notice window, whatever each organization's notice, so
     * a sweep reads up to this many index keys to reach the due ones behind tokens of organizations with shorter notice.
     */
    static final int EXPIRING_LIMIT = 10_000;
    /** How long a claimed notice is left to its sweep: longer than the schedule function's timeout. */
    static final Duration LEASE = Duration.ofMinutes(10);

    /** One line's worth of what a sweep did. */
    public record Summary(int idleRevoked, int noticesSent, int failed, int skipped) {
    }

    private final TokenHygiene hygiene;
    private final TokenStore store;
    private final EntityRegistry registry;
    private final RevokeToken revoke;
    private final BeanProvider<TokenEvents> events;
    private final Clock clock;

    /** {@code events} is resolved at the first event: only the scheduled function has an implementation. */
    public HygieneSweep(TokenHygiene hygiene, TokenStore store, EntityRegistry registry, RevokeToken revoke,
                        BeanProvider<TokenEvents> events, Clock clock) {
        this.hygiene = hygiene;
        this.store = store;
        this.registry = registry;
        this.revoke = revoke;
        this.events = events;
        this.clock = clock;
    }

    public Summary sweep() {
        Instant now = clock.instant();
        Counts counts = new Counts();
        Map<String, OrganizationPolicy> policies = new HashMap<>();
        phase("idle revocation", counts, () -> revokeIdle(now, policies, counts));
        phase("expiry notices", counts, () -> noticeExpiring(now, policies, counts));
        phase("revocation notices", counts, () -> {
            for (String handle : hygiene.revocationNotices(BATCH)) {
                send(hygiene.claimRevocation(handle, now, now.plus(LEASE)), counts);
            }
        });
        Summary summary = new Summary(counts.idleRevoked, counts.sent, counts.failed, counts.skipped);
        LOG.info("hygiene sweep: idleRevoked={} noticesSent={} failed={} skipped={}",
                summary.idleRevoked(), summary.noticesSent(), summary.failed(), summary.skipped());
        return summary;
    }

    private void revokeIdle(Instant now, Map<String, OrganizationPolicy> policies, Counts counts) {
        for (String organizationId : hygiene.organizationsWithIdleLimit(BATCH)) {
            Integer days = policies.computeIfAbsent(organizationId, registry::policy).maxIdleDays();
            if (days == null) {
                continue;   // the index lags a policy that just dropped its limit
            }
            Instant cutoff = now.minus(Duration.ofDays(days));
            for (TokenStore.TokenRef ref : hygiene.idleBefore(organizationId, cutoff, BATCH)) {
                // The index is eventually consistent, and a used token's never-used entry stays until the sweep drops it.
                Optional<ApiToken> found = store.find(ref.organizationId(), ref.tokenId());
                Optional<ApiToken> token = found.filter(t -> lastActive(t).isBefore(cutoff));
                if (token.isEmpty()) {
                    if (found.isPresent() && found.get().history().lastUsedAt() != null) {
                        hygiene.forgetUnused(ref);
                    }
                    counts.skipped++;
                    continue;
                }
                try {
                    revoke.revokeLoaded(token.get(), SWEEP, null, AuditEvent.Action.DELETE,
                            "reason IDLE: " + (token.get().history().lastUsedAt() == null ? "never used since creation at "
                                    : "last used at ") + lastActive(token.get()) + ", more than maxIdleDays " + days + " ago",
                            TokenStore.RevocationNotice.IDLE);
                    counts.idleRevoked++;
                } catch (LatchkeyException e) {
                    if (e.kind() == LatchkeyException.Kind.CONFLICT) {
                        counts.skipped++;   // changed or revoked by someone else (another sweep) at the same moment
                    } else {
                        counts.failed++;
                        LOG.warn("Idle revocation of token {} in {} failed: {}", ref.tokenId(), ref.organizationId(), e.getMessage());
                    }
                }
            }
        }
    }

    private void noticeExpiring(Instant now, Map<String, OrganizationPolicy> policies, Counts counts) {
        Instant horizon = now.plus(Duration.ofDays(OrganizationPolicies.MAX_EXPIRY_NOTICE_DAYS));
        for (TokenHygiene.Expiring expiring : hygiene.expiringBetween(now, horizon, EXPIRING_LIMIT)) {
            int days = policies.computeIfAbsent(expiring.token().organizationId(), registry::policy).expiryNoticeDays();
            if (days > 0 && !expiring.endAt().minus(Duration.ofDays(days)).isAfter(now)) {
                send(hygiene.claimExpiry(expiring.token(), now, now.plus(LEASE)), counts);
            }
        }
    }

    private void send(Optional<TokenNotice> claimed, Counts counts) {
        if (claimed.isEmpty()) {
            counts.skipped++;   // sent already, gone, or held by another sweep
            return;
        }
        TokenNotice notice = claimed.get();
        try {
            events.get().publish(notice);
        } catch (RuntimeException e) {
            counts.failed++;
            LOG.warn("{} for token {} in {} was not sent: {}", notice.kind().detailType(), notice.tokenId(), notice.organizationId(), e.getMessage());
            try {
                hygiene.release(notice);
            } catch (RuntimeException again) {
                LOG.warn("{} for token {} stays claimed until its lease ends: {}", notice.kind().detailType(), notice.tokenId(), again.getMessage());
            }
            return;
        }
        counts.sent++;
        try {
            hygiene.markSent(notice, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("{} for token {} in {} was sent but not marked; it goes out again after the lease: {}",
                    notice.kind().detailType(), notice.tokenId(), notice.organizationId(), e.getMessage());
        }
    }

    private static void phase(String name, Counts counts, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            counts.failed++;
            LOG.warn("hygiene sweep: {} stopped: {}", name, e.getMessage());
        }
    }

    private static Instant lastActive(ApiToken token) {
        return token.history().lastUsedAt() != null ? token.history().lastUsedAt() : token.history().createdAt();
    }

    private static final class Counts {
        int idleRevoked;
        int sent;
        int failed;
        int skipped;
    }
}
