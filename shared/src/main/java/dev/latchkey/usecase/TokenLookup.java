package dev.latchkey.usecase;

import dev.latchkey.access.IpAddress;
import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.domain.Scope;
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

    /**
     * {@code hash} is present whenever the value is genuine (found and matching), whatever its status.
     * {@code deploymentWorkspaceId} is set only by {@link #lookup(String, String, String)} when it read the deployment's
     * registration: empty then means the deployment is not registered in that organization.
     */
    public record Result(Status status, TokenHash hash, Instant at, Optional<String> deploymentWorkspaceId) {
        Result(Status status, TokenHash hash, Instant at) {
            this(status, hash, at, null);
        }

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
        return lookup(presented, null, null);
    }

    /**
     * Also reads, in the same round trip, which workspace {@code deploymentId} is registered in, when the answer can
     * depend on it: a deployment is named and the value is not a deployment token (whose hash item carries its own
     * deployment's workspace, and which reaches no other deployment).
     */
    public Result lookup(String presented, String organizationId, String deploymentId) {
        return lookup(presented, organizationId, deploymentId, false, null);
    }

    /**
     * As {@link #lookup(String, String, String)} for a use from {@code sourceIp} (null: unknown), which is recorded as
     * a use only when the token's allowedCidrs allow it: refused uses from outside must not keep a token looking active.
     */
    public Result lookup(String presented, String organizationId, String deploymentId, IpAddress sourceIp) {
        return lookup(presented, organizationId, deploymentId, true, sourceIp);
    }

    private Result lookup(String presented, String organizationId, String deploymentId, boolean fromSource, IpAddress sourceIp) {
        Optional<ParsedToken> parsed = values.parse(presented);
        if (parsed.isEmpty()) {
            return new Result(Status.MALFORMED, null, null);
        }
        boolean placementNeeded = organizationId != null && deploymentId != null && parsed.get().scope() != Scope.DEPLOYMENT;
        Optional<String> placement = null;
        for (Pepper pepper : peppers.all()) {
            String hashKey = TokenHasher.hashKey(pepper, parsed.get());
            Optional<TokenHash> found;
            if (placementNeeded && placement == null) {
                TokenStore.HashAndPlacement both = store.findHashAndPlacement(hashKey, organizationId, deploymentId);
                found = both.hash();
                placement = both.deploymentWorkspaceId();
            } else {
                found = store.findHash(hashKey);
            }
            if (found.isPresent() && TokenHasher.sameHash(hashKey, found.get().hashKey())) {
                Instant now = clock.instant();
                Result result = new Result(statusAt(found.get(), now), found.get(), now, placement);
                if (result.live() && (!fromSource || found.get().grant().allowedCidrs().allows(sourceIp))) {
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
        if (hash.window().endAt() != null && !now.isBefore(hash.window().endAt())) {
            return Status.EXPIRED;
        }
        if (hash.window().startAt() != null && now.isBefore(hash.window().startAt())) {
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
