package dev.latchkey.store;

import java.time.Instant;

/**
 * What a create with an {@code Idempotency-Key} left behind: a fingerprint of the request, the token it made and that
 * token's value sealed with a key derived from the pepper (AES-GCM), so a retry gets the same answer and a copy of
 * the table alone reveals nothing. Expires after {@code expiresAt}.
 */
public record IdempotencyRecord(String key, String requestFingerprint, String organizationId, String tokenId,
                                byte[] sealedValue, Instant expiresAt) {
}
