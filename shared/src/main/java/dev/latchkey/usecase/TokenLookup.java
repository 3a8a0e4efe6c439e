package dev.latchkey.usecase;

import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.store.TokenStore;
import dev.latchkey.token.ParsedToken;
import dev.latchkey.token.Pepper;
import dev.latchkey.token.PepperRing;
import dev.latchkey.token.TokenHasher;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * From a presented value to what it is: the one code path behind validate and bearer authentication. A value that
 * fails the shape or checksum costs no I/O; a well-formed one costs one consistent GetItem per pepper version tried
 * (one, unless a pepper rotation is under way). A genuine, live value also records its use, at most once a minute.
 */
@Singleton
public class TokenLookup {

    /** The outcome of looking a value up, before any question about scope or permissions. */
    public enum Status { MALFORMED, NOT_FOUND, REVOKED, EXPIRED, NOT_YET_VALID, LIVE }

    /** {@code hash} is present whenever the value is genuine (found and matching), whatever its status. */
    public record Result(Status status, TokenHash hash, Instant at) {
        public boolean live() {
            return status == Status.LIVE;
        }
    }

    private final TokenValues values;
    private final PepperRing peppers;
    private final TokenStore store;
    private final Clock clock;
    private final LatchkeyConfiguration config;

    public TokenLookup(TokenValues values, PepperRing peppers, TokenStore store, Clock clock, LatchkeyConfiguration config) {
        this.values = values;
        this.peppers = peppers;
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    public Result lookup(String presented) {
        Optional<ParsedToken> parsed = values.parse(presented);
        if (parsed.isEmpty()) {
            return new Result(Status.MALFORMED, null, null);
        }
        for (Pepper pepper : peppers.all()) {
            String hashKey = TokenHasher.hashKey(pepper, parsed.get());
            Optional<TokenHash> found = store.findHash(hashKey);
            if (found.isPresent() && TokenHasher.sameHash(hashKey, found.get().hashKey())) {
                Instant now = clock.instant();
                Result result = new Result(statusAt(found.get(), now), found.get(), now);
                if (result.live()) {
                    recordUse(found.get(), now);
                }
                return result;
            }
        }
        return new Result(Status.NOT_FOUND, null, null);
    }

    private static Status statusAt(TokenHash hash, Instant now) {
        if (!hash.liveAt(now)) {
            return Status.REVOKED;
        }
        if (hash.endAt() != null && !now.isBefore(hash.endAt())) {
            return Status.EXPIRED;
        }
        if (hash.startAt() != null && now.isBefore(hash.startAt())) {
            return Status.NOT_YET_VALID;
        }
        return Status.LIVE;
    }

    private void recordUse(TokenHash hash, Instant now) {
        Instant cutoff = now.minus(config.getLastUsedInterval());
        if (hash.lastUsedAt() == null || hash.lastUsedAt().isBefore(cutoff)) {
            store.recordUse(hash, now, cutoff);
        }
    }
}
