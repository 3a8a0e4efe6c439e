package dev.latchkey.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the hygiene sweep reads and marks, all through sparse indexes (no scan). The indexes are eventually consistent:
 * the sweep re-reads or conditionally claims every item before acting on it. A notice is claimed for a lease before it
 * is sent and marked sent after, so two sweeps at once send it once, and a sweep that dies in between leaves it to be
 * sent again after the lease (at least once).
 */
public interface TokenHygiene {

    /** Organizations whose policy sets {@code maxIdleDays}. */
    List<String> organizationsWithIdleLimit(int limit);

    /** The organization's tokens whose last activity (use, else creation) is before {@code cutoff}, oldest first. */
    List<TokenStore.TokenRef> idleBefore(String organizationId, Instant cutoff, int limit);

    /** The token was used after all: its never-used entry leaves the idle index (the token item stands for it now). */
    void forgetUnused(TokenStore.TokenRef token);

    /** A token with an unsent expiry notice, and when it expires. */
    record Expiring(TokenStore.TokenRef token, Instant endAt) {
    }

    /** Tokens with an unsent expiry notice whose {@code endAt} is in {@code [from, to]}, soonest first. */
    List<Expiring> expiringBetween(Instant from, Instant to, int limit);

    /** Handles of revocations whose notice is not sent yet. */
    List<String> revocationNotices(int limit);

    /** Takes the token's expiry notice until {@code until}; empty when it is sent, gone or held by another sweep. */
    Optional<TokenNotice> claimExpiry(TokenStore.TokenRef token, Instant now, Instant until);

    /** As {@link #claimExpiry} for a revocation's notice. */
    Optional<TokenNotice> claimRevocation(String handle, Instant now, Instant until);

    /** The notice went out: it leaves the index for good. */
    void markSent(TokenNotice notice, Instant now);

    /** Sending failed: the claim is dropped so that the next sweep tries again. */
    void release(TokenNotice notice);
}
