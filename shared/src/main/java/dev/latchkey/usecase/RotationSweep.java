package dev.latchkey.usecase;

import dev.latchkey.domain.Actor;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The scheduled rotation: every token whose policy is due is rotated into its Secrets Manager copy with its grace
 * period. One failing token does not stop the others. Two sweeps at once are safe: each rotation is conditioned on
 * the token's version, so a due token is rotated once and the losing sweep counts it as skipped.
 */
@Singleton
public class RotationSweep {

    private static final Logger LOG = LoggerFactory.getLogger(RotationSweep.class);
    static final Actor SCHEDULE = new Actor("rotation-schedule", "scheduled rotation");
    static final int BATCH = 500;

    /** One line's worth of what a sweep did. */
    public record Summary(int due, int rotated, int failed, int skipped) {
    }

    private final TokenStore store;
    private final TokenRotation rotation;
    private final Clock clock;
    private final Auditor auditor;
    private final OrganizationPolicies policies;

    public RotationSweep(TokenStore store, TokenRotation rotation, Clock clock, Auditor auditor, OrganizationPolicies policies) {
        this.policies = policies;
        this.store = store;
        this.rotation = rotation;
        this.clock = clock;
        this.auditor = auditor;
    }

    public Summary sweep() {
        Instant now = clock.instant();
        var due = store.dueForRotation(now, BATCH);
        int rotated = 0;
        int failed = 0;
        int skipped = 0;
        for (TokenStore.TokenRef ref : due) {
            try {
                Optional<ApiToken> token = store.find(ref.organizationId(), ref.tokenId())
                        .filter(t -> t.rotation() != null && !t.rotation().nextRotationAt().isAfter(now));
                if (token.isEmpty()) {
                    skipped++;
                    continue;
                }
                rotation.rotate(token.get(), policies.cappedGrace(ref.organizationId(), token.get().rotation().gracePeriodSeconds()), SCHEDULE);
                auditor.system(ref.organizationId(), AuditEvent.Action.ROTATE, ref.tokenId(), SCHEDULE, "scheduled rotation");
                rotated++;
            } catch (TokenRotation.CopyBehind e) {
                failed++;
                auditor.secretCopyFailed(ref.organizationId(), AuditEvent.Action.ROTATE, ref.tokenId(), SCHEDULE, null, e.getMessage());
                LOG.warn("Scheduled rotation of token {} in {}: {}", ref.tokenId(), ref.organizationId(), e.getMessage());
            } catch (LatchkeyException e) {
                if (e.kind() == LatchkeyException.Kind.CONFLICT) {
                    skipped++;
                } else {
                    failed++;
                    LOG.warn("Scheduled rotation of token {} in {} failed: {}", ref.tokenId(), ref.organizationId(), e.getMessage());
                }
            } catch (RuntimeException e) {
                failed++;
                LOG.warn("Scheduled rotation of token {} in {} failed", ref.tokenId(), ref.organizationId(), e);
            }
        }
        Summary summary = new Summary(due.size(), rotated, failed, skipped);
        LOG.info("rotation sweep: due={} rotated={} failed={} skipped={}", summary.due(), summary.rotated(), summary.failed(), summary.skipped());
        return summary;
    }
}
