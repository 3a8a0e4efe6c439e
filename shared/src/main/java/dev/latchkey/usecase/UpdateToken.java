package dev.latchkey.usecase;

import dev.latchkey.domain.ApiToken;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Renames a token or changes its description; a missing description keeps the current one. */
@Singleton
public class UpdateToken {

    private final ManagedTokens managed;
    private final TokenStore store;
    private final Clock clock;

    public UpdateToken(ManagedTokens managed, TokenStore store, Clock clock) {
        this.managed = managed;
        this.store = store;
        this.clock = clock;
    }

    public ApiToken update(Caller caller, String organizationId, String tokenId, String name, String description) {
        String newName = Inputs.name(name);
        String newDescription = Inputs.description(description);
        ApiToken before = managed.loadManageable(caller, organizationId, tokenId);
        ApiToken after = before.withDetails(newName, newDescription == null ? before.description() : newDescription,
                clock.instant(), caller.actor());
        store.updateDetails(before, after);
        return after;
    }
}
