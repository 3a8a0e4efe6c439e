package dev.latchkey.usecase;

import dev.latchkey.domain.ApiToken;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Deletes a token: every value it had is refused from the next request on. Not recoverable. */
@Singleton
public class RevokeToken {

    private final ManagedTokens managed;
    private final TokenStore store;
    private final Clock clock;

    public RevokeToken(ManagedTokens managed, TokenStore store, Clock clock) {
        this.managed = managed;
        this.store = store;
        this.clock = clock;
    }

    public void revoke(Caller caller, String organizationId, String tokenId) {
        ApiToken token = managed.loadManageable(caller, organizationId, tokenId);
        store.revoke(token, clock.instant());
    }
}
