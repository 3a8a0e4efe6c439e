package dev.latchkey.store;

import dev.latchkey.domain.SecretCopy;

import java.util.Map;
import java.util.Optional;

/**
 * Secrets Manager copies of token values. Versions follow Secrets Manager's staging labels: a new value is written as
 * {@code AWSPENDING} and then promoted to {@code AWSCURRENT} (the old one becoming {@code AWSPREVIOUS}), so a reader
 * of {@code AWSCURRENT} never sees a value that is not yet valid. Failures surface as BACKEND_UNAVAILABLE (503) or
 * BACKEND_FAILED (502); a name taken by another secret is CONFLICT.
 */
public interface SecretCopies {

    /** Tags every copy carries, so that a secret can be traced back to its token. */
    String TOKEN_ID_TAG = "latchkey:tokenId";
    String ORGANIZATION_ID_TAG = "latchkey:organizationId";

    /** Creates the secret with its first value as {@code AWSCURRENT}. */
    SecretCopy create(String name, SecretDocument document, Map<String, String> tags);

    /** Writes a value under {@code versionId} labelled {@code AWSPENDING}; writing the same version again is a no-op. */
    void putPending(String secretId, String versionId, SecretDocument document);

    /** Moves {@code AWSCURRENT} to {@code versionId}; the version it leaves becomes {@code AWSPREVIOUS}. */
    void promote(String secretId, String versionId);

    /** Deletes the secret at once, without a recovery window: its values are dead anyway. */
    void delete(String secretId);

    /** The secret's tags and version stages, or empty when it does not exist. */
    Optional<SecretState> describe(String secretId);

    /** The document stored under a version id, or empty. */
    Optional<SecretDocument> read(String secretId, String versionId);

    /** What {@link #describe} reports. {@code versionStages}: version id to its labels. */
    record SecretState(String arn, String name, Map<String, String> tags, Map<String, java.util.List<String>> versionStages) {
    }
}
