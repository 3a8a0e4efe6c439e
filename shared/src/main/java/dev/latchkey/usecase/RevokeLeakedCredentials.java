package dev.latchkey.usecase;

import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.TokenStore;
import dev.latchkey.token.ParsedToken;
import dev.latchkey.token.Pepper;
import dev.latchkey.token.PepperRing;
import dev.latchkey.token.TokenHasher;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Leak reporting in the manner of GitHub's credential revocation API: anyone who finds values (a secret scanner, a
 * user who pasted one by mistake) reports them without authenticating. Every genuine, still-working value is revoked
 * at once and audited; the answer only says how many values arrived, never which were genuine. Values are recognised
 * by the same code as validate's ({@link TokenValues}): standard values by shape and checksum, direct-access values by
 * their signature under the published keys, so a forged JWT is never looked up.
 *
 * <p>At most {@value #MAX_CREDENTIALS} values per request: each costs up to one DynamoDB read per pepper version (and a
 * signature check), and the route is anonymous, so the cap bounds what one request can make the table do.
 *
 * <p>Each revocation queues its {@code Token Leak Revoked} event in the same write; the scheduled sweep sends it
 * ({@link HygieneSweep}), so this route needs no EventBridge client and its answer does not wait on one.
 */
@Singleton
public class RevokeLeakedCredentials {

    public static final int MAX_CREDENTIALS = 20;
    static final int MAX_VALUE_LENGTH = 4096;
    private static final String DETAIL = "revoked after a leak report";

    private final TokenValues values;
    private final PepperRing peppers;
    private final TokenStore store;
    private final RevokeToken revoke;
    private final Clock clock;

    public RevokeLeakedCredentials(TokenValues values, PepperRing peppers, TokenStore store, RevokeToken revoke, Clock clock) {
        this.values = values;
        this.peppers = peppers;
        this.store = store;
        this.revoke = revoke;
        this.clock = clock;
    }

    /** @return how many values were received (all of them were looked at) */
    public int report(List<String> credentials, String requestId) {
        if (credentials == null) {
            throw LatchkeyException.invalid("credentials", "REQUIRED", "credentials is required");
        }
        if (credentials.isEmpty()) {
            throw LatchkeyException.invalid("credentials", "REQUIRED", "credentials must hold at least one value");
        }
        if (credentials.size() > MAX_CREDENTIALS) {
            throw LatchkeyException.invalid("credentials", "TOO_MANY", "At most " + MAX_CREDENTIALS
                    + " credentials per request; send more in further requests");
        }
        for (int i = 0; i < credentials.size(); i++) {
            String value = credentials.get(i);
            if (value == null || value.length() > MAX_VALUE_LENGTH) {
                throw LatchkeyException.invalid("credentials[" + i + "]", "INVALID", "Each credential is a string of at most "
                        + MAX_VALUE_LENGTH + " characters");
            }
        }
        for (String value : credentials) {
            values.parse(value).flatMap(this::genuine).ifPresent(hash -> revoke(hash, requestId));
        }
        return credentials.size();
    }

    private Optional<TokenHash> genuine(ParsedToken parsed) {
        Instant now = clock.instant();
        for (Pepper pepper : peppers.all()) {
            String key = TokenHasher.hashKey(pepper, parsed);
            Optional<TokenHash> found = store.findHash(key).filter(h -> TokenHasher.sameHash(key, h.hashKey()));
            if (found.isPresent()) {
                return found.filter(h -> h.liveAt(now));
            }
        }
        return Optional.empty();
    }

    private void revoke(TokenHash hash, String requestId) {
        Optional<ApiToken> token = store.find(hash.organizationId(), hash.tokenId());
        token.ifPresent(t -> {
            try {
                revoke.revokeLoaded(t, null, requestId, AuditEvent.Action.LEAK_REPORT, DETAIL, TokenStore.RevocationNotice.LEAK);
            } catch (LatchkeyException e) {
                if (e.kind() != LatchkeyException.Kind.CONFLICT) {
                    throw e;
                }
                // Changed at the same moment (rotated or deleted): read it again and revoke what is there now.
                store.find(hash.organizationId(), hash.tokenId()).ifPresent(again ->
                        revoke.revokeLoaded(again, null, requestId, AuditEvent.Action.LEAK_REPORT, DETAIL, TokenStore.RevocationNotice.LEAK));
            }
        });
    }
}
