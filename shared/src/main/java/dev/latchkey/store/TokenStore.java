package dev.latchkey.store;

import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.TokenHash;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where tokens live. Every change that touches more than one item is atomic and conditional on the token's version,
 * so concurrent writers get {@link dev.latchkey.error.LatchkeyException.Kind#CONFLICT} instead of a half-changed token.
 * Backend trouble surfaces as BACKEND_UNAVAILABLE or BACKEND_FAILED.
 */
public interface TokenStore {

    /**
     * Writes a new token, its live hash and, when given, its idempotency record, all or nothing.
     *
     * @param registeredEntities entities that must still be registered when the write lands
     * @throws IdempotencyKeyTaken when another request with the same idempotency key got there first
     */
    void create(ApiToken token, TokenHash hash, Optional<IdempotencyRecord> idempotency,
                List<RoleAssignment.Target> registeredEntities);

    /**
     * Registers a new organization together with its first token, all or nothing.
     *
     * @throws dev.latchkey.error.LatchkeyException CONFLICT when the organization is already registered
     */
    void createWithOrganization(ApiToken token, TokenHash hash);

    Optional<ApiToken> find(String organizationId, String tokenId);

    /** Every token of an organization (management listing filters, sorts and pages in memory). */
    List<ApiToken> list(String organizationId);

    /** Strongly consistent read of one hash item: the whole of validate's I/O. */
    Optional<TokenHash> findHash(String hashKey);

    /**
     * The hash item and, in the same strongly consistent BatchGetItem, the workspace the named deployment is registered
     * in: validate's one round trip when the question names a deployment, so that the answer depends on where the
     * deployment really is, never on a workspace the caller names. (The deployment item belongs to the entity
     * registry's layout; it is read here only because the two must come back from one request.)
     */
    HashAndPlacement findHashAndPlacement(String hashKey, String organizationId, String deploymentId);

    /** {@code deploymentWorkspaceId} is empty when the deployment is not registered in that organization. */
    record HashAndPlacement(Optional<TokenHash> hash, Optional<String> deploymentWorkspaceId) {
    }

    /** Name, description, rotation policy and network binding (copied into the hash items). */
    void updateDetails(ApiToken before, ApiToken after);

    void replaceRoles(ApiToken before, ApiToken after, List<RoleAssignment.Target> registeredEntities, Instant now);

    /** Makes {@code newHash} the live value; the old one lives until {@code after.previousValidUntil()}. */
    void rotate(ApiToken before, ApiToken after, TokenHash newHash, Instant now);

    /** Deletes the token and kills every value it had, at once. */
    default void revoke(ApiToken token, Instant now) {
        revoke(token, now, RevocationNotice.NONE);
    }

    /** As {@link #revoke(ApiToken, Instant)}, queuing the revocation's notice in the same write unless NONE. */
    void revoke(ApiToken token, Instant now, RevocationNotice notice);

    /** Why a revocation is announced ({@code Token Idle Revoked}, {@code Token Leak Revoked}), or NONE. */
    enum RevocationNotice { NONE, IDLE, LEAK }

    /** Records use at most once per interval: a no-op unless the stored {@code lastUsedAt} is older than {@code cutoff}. */
    void recordUse(TokenHash hash, Instant now, Instant cutoff);

    /**
     * Claims the once-per-interval audit of a use from outside the token's allowedCidrs: true for the one caller whose
     * conditional write on the hash item landed (the stored {@code ipDeniedAt} was older than {@code cutoff}), false
     * for every other request refused in the same interval.
     */
    boolean recordIpDenial(TokenHash hash, Instant now, Instant cutoff);

    Optional<IdempotencyRecord> findIdempotency(String key);

    /**
     * Tokens whose rotation policy is due at {@code now}, oldest due first, from the sparse rotation index (no scan).
     * The index is eventually consistent: callers re-read each token before acting.
     */
    List<TokenRef> dueForRotation(Instant now, int limit);

    /** Where a token is. */
    record TokenRef(String organizationId, String tokenId) {
    }

    /** Thrown by {@link #create} when the idempotency key is already recorded. */
    final class IdempotencyKeyTaken extends RuntimeException {
        public IdempotencyKeyTaken() {
            super("idempotency key already used", null, false, false);
        }
    }
}
