package dev.latchkey.usecase;

import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.RotationPolicy;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * Renames a token, changes its description or its rotation policy. A missing description or rotation keeps the
 * current one; {@code rotation.everyDays: 0} removes the policy.
 */
@Singleton
public class UpdateToken {

    private final ManagedTokens managed;
    private final TokenStore store;
    private final Clock clock;
    private final LatchkeyConfiguration config;
    private final Auditor auditor;
    private final OrganizationPolicies policies;

    public UpdateToken(ManagedTokens managed, TokenStore store, Clock clock, LatchkeyConfiguration config, Auditor auditor,
                       OrganizationPolicies policies) {
        this.policies = policies;
        this.managed = managed;
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.auditor = auditor;
    }

    public ApiToken update(Caller caller, String organizationId, String tokenId, String name, String description,
                           RotationRequest rotation) {
        String newName = Inputs.name(name);
        String newDescription = Inputs.description(description);
        ApiToken before = managed.loadManageable(caller, organizationId, tokenId, AuditEvent.Action.UPDATE);
        Instant now = clock.instant();
        RotationPolicy policy = rotation == null ? before.rotation()
                : RotationPolicies.from(rotation, before.secretCopy() != null, config.getMaxGracePeriodSeconds(), now, true);
        if (rotation != null) {
            policies.checkGrace(organizationId, "rotation.gracePeriodSeconds", rotation.gracePeriodSeconds());
        }
        ApiToken after = before.withDetails(newName, newDescription == null ? before.description() : newDescription,
                policy, now, caller.actor());
        store.updateDetails(before, after);
        auditor.succeeded(caller, AuditEvent.Action.UPDATE, after.id(), policy == before.rotation() ? "details" : "details and rotation policy");
        return after;
    }
}
