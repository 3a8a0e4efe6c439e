package dev.latchkey.usecase;

import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.domain.ApiToken;
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

    public UpdateToken(ManagedTokens managed, TokenStore store, Clock clock, LatchkeyConfiguration config) {
        this.managed = managed;
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    public ApiToken update(Caller caller, String organizationId, String tokenId, String name, String description,
                           RotationRequest rotation) {
        String newName = Inputs.name(name);
        String newDescription = Inputs.description(description);
        ApiToken before = managed.loadManageable(caller, organizationId, tokenId);
        Instant now = clock.instant();
        RotationPolicy policy = rotation == null ? before.rotation()
                : RotationPolicies.from(rotation, before.secretCopy() != null, config.getMaxGracePeriodSeconds(), now, true);
        ApiToken after = before.withDetails(newName, newDescription == null ? before.description() : newDescription,
                policy, now, caller.actor());
        store.updateDetails(before, after);
        return after;
    }
}
