package dev.latchkey.usecase;

import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * Gives a token a new value under the same id. The previous value works for {@code gracePeriodSeconds} more (0: it
 * dies at once); a value older than that one dies now. Concurrent rotations of one token: one wins, the rest get 409.
 */
@Singleton
public class RotateToken {

    private final ManagedTokens managed;
    private final TokenStore store;
    private final TokenMinter minter;
    private final Clock clock;
    private final LatchkeyConfiguration config;

    public RotateToken(ManagedTokens managed, TokenStore store, TokenMinter minter, Clock clock, LatchkeyConfiguration config) {
        this.managed = managed;
        this.store = store;
        this.minter = minter;
        this.clock = clock;
        this.config = config;
    }

    public IssuedToken rotate(Caller caller, String organizationId, String tokenId, Long gracePeriodSeconds) {
        long grace = gracePeriodSeconds == null ? 0 : gracePeriodSeconds;
        if (grace < 0 || grace > config.getMaxGracePeriodSeconds()) {
            throw LatchkeyException.invalid("gracePeriodSeconds", "OUT_OF_RANGE",
                    "gracePeriodSeconds must be between 0 and " + config.getMaxGracePeriodSeconds());
        }
        ApiToken before = managed.loadManageable(caller, organizationId, tokenId);
        Instant now = clock.instant();
        TokenMinter.Minted minted = minter.mint(before.scope());
        ApiToken after = before.rotated(minted.hashKey(), minted.shortToken(), now.plusSeconds(grace), now, caller.actor());
        store.rotate(before, after, TokenHash.liveFor(after, minted.hashKey()), now);
        return new IssuedToken(after, minted.value());
    }
}
