package dev.latchkey.usecase;

import dev.latchkey.domain.Actor;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.SecretCopies;
import dev.latchkey.store.SecretDocument;
import dev.latchkey.store.TokenStore;
import dev.latchkey.token.ParsedToken;
import dev.latchkey.token.PepperRing;
import dev.latchkey.token.TokenHasher;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The one way a token gets a new value, for every trigger (the rotate route, the schedule, Secrets Manager's rotation
 * steps). With a Secrets Manager copy the order is: new value to the secret as AWSPENDING, then the table (the value
 * becomes valid, the previous one enters its grace), then AWSCURRENT moves to it. A failure before the table write
 * leaves the old value the live one; readers of AWSCURRENT never see a value that is not valid yet.
 */
@Singleton
class TokenRotation {

    private final TokenStore store;
    private final SecretCopies secretCopies;
    private final TokenMinter minter;
    private final TokenValues values;
    private final PepperRing peppers;
    private final Clock clock;

    public TokenRotation(TokenStore store, SecretCopies secretCopies, TokenMinter minter, TokenValues values,
                         PepperRing peppers, Clock clock) {
        this.store = store;
        this.secretCopies = secretCopies;
        this.minter = minter;
        this.values = values;
        this.peppers = peppers;
        this.clock = clock;
    }

    /** Mints a new value, keeps the copy current, and answers the value once. */
    public IssuedToken rotate(ApiToken before, long graceSeconds, Actor by) {
        Instant now = clock.instant();
        TokenMinter.Minted minted = minter.mintFor(before, now);
        ApiToken after = before.rotated(minted.hashKey(), minted.shortToken(), Duration.ofSeconds(graceSeconds), now, by);
        if (before.secretCopy() == null) {
            store.rotate(before, after, TokenHash.liveFor(after, minted.hashKey()), now);
            return new IssuedToken(after, minted.value());
        }
        String arn = before.secretCopy().secretArn();
        String versionId = UUID.randomUUID().toString();
        secretCopies.putPending(arn, versionId,
                new SecretDocument(minted.value(), before.id(), before.organizationId(), before.grant().scope()));
        store.rotate(before, after, TokenHash.liveFor(after, minted.hashKey()), now);
        try {
            secretCopies.promote(arn, versionId);
        } catch (LatchkeyException e) {
            throw new CopyBehind("The token was rotated, but its Secrets Manager copy still shows the previous "
                    + "value as AWSCURRENT; the new value waits there as AWSPENDING (version " + versionId + "). " + e.getMessage(), e);
        }
        return new IssuedToken(after, minted.value());
    }

    /** The table holds the new value but the copy could not be switched to it: a backend failure worth auditing. */
    public static final class CopyBehind extends LatchkeyException {
        CopyBehind(String message, LatchkeyException cause) {
            super(cause.kind(), message, cause.fieldErrors(), cause);
        }
    }

    /**
     * Makes a value that already exists (Secrets Manager's AWSPENDING, written in createSecret) the token's live one.
     * Idempotent: when that value is already live, nothing changes.
     */
    public ApiToken activate(ApiToken before, String value, long graceSeconds, Actor by) {
        ParsedToken parsed = values.parse(value).filter(p -> p.scope() == before.grant().scope()).orElseThrow(() ->
                LatchkeyException.invalid("AWSPENDING", "MALFORMED", "The pending secret value is not a token of this scope"));
        String hashKey = TokenHasher.hashKey(peppers.current(), parsed);
        if (hashKey.equals(before.values().currentHashKey())) {
            return before;
        }
        Instant now = clock.instant();
        ApiToken after = before.rotated(hashKey, values.shortToken(value), Duration.ofSeconds(graceSeconds), now, by);
        store.rotate(before, after, TokenHash.liveFor(after, hashKey), now);
        return after;
    }
}
