package dev.latchkey.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The single-table layout. Organization partitions hold the organization, its workspaces, deployments and token
 * metadata; every token value has its own hash partition, so validate is one GetItem on a key derived from the value.
 */
final class TableKeys {

    static final String PK = "pk";
    static final String SK = "sk";
    /** DynamoDB's TTL attribute (epoch seconds): tombstones and idempotency records expire by themselves. */
    static final String TTL = "expiresAt";

    static final String TOKEN_PREFIX = "TOKEN#";

    /** The sparse index of tokens with a rotation policy, sorted by when they are due. */
    public static final String ROTATION_INDEX = "rotation-due";
    static final String ROTATION_QUEUE = "rotationQueue";
    static final String ROTATION_QUEUE_DUE = "SCHEDULED";
    static final String NEXT_ROTATION_AT = "nextRotationAt";

    private TableKeys() {
    }

    static Map<String, AttributeValue> organization(String organizationId) {
        return key(orgPartition(organizationId), "ORG");
    }

    static Map<String, AttributeValue> policy(String organizationId) {
        return key(orgPartition(organizationId), "POLICY");
    }

    static Map<String, AttributeValue> workspace(String organizationId, String workspaceId) {
        return key(orgPartition(organizationId), "WS#" + workspaceId);
    }

    static Map<String, AttributeValue> deployment(String organizationId, String deploymentId) {
        return key(orgPartition(organizationId), "DEP#" + deploymentId);
    }

    static Map<String, AttributeValue> token(String organizationId, String tokenId) {
        return key(orgPartition(organizationId), TOKEN_PREFIX + tokenId);
    }

    static Map<String, AttributeValue> hash(String hashKey) {
        return key("HASH#" + hashKey, "HASH");
    }

    static Map<String, AttributeValue> idempotency(String key) {
        return key("IDEMPOTENCY#" + key, "IDEMPOTENCY");
    }

    static Map<String, AttributeValue> audit(String organizationId, String eventId) {
        return key(auditPartition(organizationId), eventId);
    }

    static String auditPartition(String organizationId) {
        return "AUDIT#" + organizationId;
    }

    /** Event ids start with the zero-padded epoch millisecond, so every id at or after {@code at} sorts above this. */
    static String auditIdFloor(java.time.Instant at) {
        // Callers bound their instants (AuditQueries); outside 1970..9999 the 15 digits would not sort as times do.
        if (at.isBefore(java.time.Instant.EPOCH) || at.getEpochSecond() >= 253_402_300_800L) {
            throw new IllegalArgumentException("audit ids cover 1970-01-01 to 9999-12-31 only: " + at);
        }
        return String.format("%015d", at.toEpochMilli());
    }

    static String orgPartition(String organizationId) {
        return "ORG#" + organizationId;
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
