package dev.latchkey.usecase;

import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.SecretCopies;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Deletes a token: every value it had is refused from the next request on. Not recoverable. Its Secrets Manager copy
 * is deleted afterwards; when that fails the token stays revoked and the outcome says which secret is left over.
 */
@Singleton
public class RevokeToken {

    private static final Logger LOG = LoggerFactory.getLogger(RevokeToken.class);

    /** {@code secretLeftOver} is the copy that could not be deleted, with the reason; null when all went well. */
    public record Outcome(ApiToken token, String secretLeftOver, String problem) {
    }

    private final ManagedTokens managed;
    private final TokenStore store;
    private final SecretCopies secretCopies;
    private final Clock clock;
    private final Auditor auditor;

    public RevokeToken(ManagedTokens managed, TokenStore store, SecretCopies secretCopies, Clock clock, Auditor auditor) {
        this.managed = managed;
        this.store = store;
        this.secretCopies = secretCopies;
        this.clock = clock;
        this.auditor = auditor;
    }

    public Outcome revoke(Caller caller, String organizationId, String tokenId) {
        ApiToken token = managed.loadManageable(caller, organizationId, tokenId, AuditEvent.Action.DELETE);
        return revokeLoaded(token, caller.actor(), caller.requestId(), AuditEvent.Action.DELETE, null);
    }

    /**
     * Revokes a token the caller was already found allowed to remove (a cascade, a leak report), then its copy.
     * {@code actor} may be null for an anonymous leak report.
     */
    public Outcome revokeLoaded(ApiToken token, dev.latchkey.domain.Actor actor, String requestId, AuditEvent.Action action, String detail) {
        return revokeLoaded(token, actor, requestId, action, detail, TokenStore.RevocationNotice.NONE);
    }

    /** As above, queuing the revocation's event ({@code Token Idle Revoked}, {@code Token Leak Revoked}) with it. */
    public Outcome revokeLoaded(ApiToken token, dev.latchkey.domain.Actor actor, String requestId, AuditEvent.Action action, String detail,
                                TokenStore.RevocationNotice notice) {
        String organizationId = token.organizationId();
        String tokenId = token.id();
        store.revoke(token, clock.instant(), notice);
        auditor.recorded(organizationId, action, AuditEvent.Outcome.SUCCEEDED, tokenId, actor, requestId, detail);
        if (token.secretCopy() == null) {
            return new Outcome(token, null, null);
        }
        try {
            secretCopies.delete(token.secretCopy().secretArn());
            return new Outcome(token, null, null);
        } catch (LatchkeyException e) {
            LOG.warn("Token {} of {} is revoked, but its Secrets Manager copy {} could not be deleted: {}",
                    token.id(), token.organizationId(), token.secretCopy().secretArn(), e.getMessage());
            auditor.secretCopyFailed(organizationId, action, tokenId, actor, requestId,
                    "copy " + token.secretCopy().secretArn() + " left over: " + e.getMessage());
            return new Outcome(token, token.secretCopy().secretArn(), e.getMessage());
        }
    }
}
