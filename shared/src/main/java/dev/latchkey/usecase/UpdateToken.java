package dev.latchkey.usecase;

import dev.latchkey.access.CidrSet;
import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.RotationPolicy;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * Renames a token, changes its description, its rotation policy or its network binding. A missing description,
 * rotation or binding keeps the current one; {@code rotation.everyDays: 0} removes the policy and an empty
 * {@code allowedCidrs} the binding. The binding is rewritten in every hash item in the same transaction, so the next
 * validate of each value applies it.
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
        return update(caller, organizationId, tokenId, name, description, rotation, null);
    }

    /**
     * @param allowedCidrs the new network binding (already parsed), {@link CidrSet#UNBOUND} to remove it, null to keep
     *                     the current one
     */
    public ApiToken update(Caller caller, String organizationId, String tokenId, String name, String description,
                           RotationRequest rotation, CidrSet allowedCidrs) {
        String newName = Inputs.name(name);
        String newDescription = Inputs.description(description);
        ApiToken before = managed.loadManageable(caller, organizationId, tokenId, AuditEvent.Action.UPDATE);
        CidrSet cidrs = allowedCidrs == null ? before.grant().allowedCidrs() : allowedCidrs;
        if (before.grant().kind() == TokenKind.DIRECT_ACCESS && cidrs.bound()) {
            throw LatchkeyException.invalid("allowedCidrs", "NOT_SUPPORTED",
                    "DIRECT_ACCESS tokens are verified offline and cannot be bound to networks");
        }
        if (!cidrs.bound() && before.grant().allowedCidrs().bound()) {
            policies.checkBindingRemoval(organizationId);
        }
        Instant now = clock.instant();
        RotationPolicy policy = rotation == null ? before.rotation()
                : RotationPolicies.from(rotation, before.secretCopy() != null, config.getMaxGracePeriodSeconds(), now, true);
        if (rotation != null) {
            policies.checkGrace(organizationId, "rotation.gracePeriodSeconds", rotation.gracePeriodSeconds());
        }
        ApiToken after = before.withDetails(newName, newDescription == null ? before.description() : newDescription,
                policy, cidrs, now, caller.actor());
        store.updateDetails(before, after);
        String changed = policy == before.rotation() ? "details" : "details and rotation policy";
        if (!cidrs.equals(before.grant().allowedCidrs())) {
            changed += cidrs.bound() ? ", allowedCidrs " + cidrs : ", allowedCidrs removed";
        }
        auditor.succeeded(caller, AuditEvent.Action.UPDATE, after.id(), changed);
        return after;
    }
}
