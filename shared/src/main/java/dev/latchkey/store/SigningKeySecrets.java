package dev.latchkey.store;

/**
 * The secrets that hold the direct-access keys: the private signing ring and its published public keys, each a JSON
 * string. Failures to reach the store surface as BACKEND_UNAVAILABLE (503).
 */
public interface SigningKeySecrets {

    /** The secret's current value. */
    String read(String secretId);

    /**
     * Writes {@code value} as the secret's current value under {@code versionId}, so concurrent writers of the same
     * version converge. False when the store refused the write (for example another container wrote that version id
     * with other content first).
     */
    boolean write(String secretId, String versionId, String value);
}
