package dev.latchkey.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The single-table layout, named once: key shapes, attribute names, item types, the rotation index and the conditions
 * the stores share. Organization partitions hold the organization, its workspaces, deployments and token metadata;
 * every token value has its own hash partition, so validate is one GetItem on a key derived from the value.
 * Custom roles live in their organization's partition too: the role, a claim on its name (names are unique per
 * organization, case-insensitively), and one holder item per (role, token), so a role's holders are a prefix Query.
 * {@link ItemKeys} hands a few of these keys to code outside the store.
 */
final class TableKeys {

    static final String PK = "pk";
    static final String SK = "sk";
    /** DynamoDB's TTL attribute (epoch seconds): tombstones and idempotency records expire by themselves. */
    static final String TTL = "expiresAt";

    static final String ORG_PREFIX = "ORG#";
    static final String TOKEN_PREFIX = "TOKEN#";
    static final String DEPLOYMENT_PREFIX = "DEP#";
    static final String WORKSPACE_PREFIX = "WS#";
    static final String HASH_PREFIX = "HASH#";
    static final String AUDIT_PREFIX = "AUDIT#";
    static final String IDEMPOTENCY_PREFIX = "IDEMPOTENCY#";
    static final String CUSTOM_ROLE_PREFIX = "CROLE#";
    static final String CUSTOM_ROLE_NAME_PREFIX = "CROLENAME#";
    /** {@code CROLEHOLDER#<roleId>#<tokenId>}: written and deleted in the same transaction as the token's roles. */
    static final String ROLE_HOLDER_PREFIX = "CROLEHOLDER#";
    // Sort keys of the items that are alone in, or unique within, their partition.
    static final String ORGANIZATION_SORT_KEY = "ORG";
    static final String POLICY_SORT_KEY = "POLICY";
    static final String HASH_SORT_KEY = "HASH";
    static final String IDEMPOTENCY_SORT_KEY = "IDEMPOTENCY";

    // Attribute names. Every item carries TYPE; token and hash items share the grant and window attributes.
    static final String TYPE = "type";
    static final String ORGANIZATION_ID = "organizationId";
    static final String CREATED_AT = "createdAt";
    static final String ID = "id";
    static final String NAME = "name";
    static final String DESCRIPTION = "description";
    static final String SCOPE = "scope";
    static final String KIND = "kind";
    static final String ENTITY_ID = "entityId";
    static final String WORKSPACE_ID = "workspaceId";
    static final String ROLES = "roles";
    /** The grant's network binding: a list of canonical CIDR strings, absent when the token is unbound. */
    static final String ALLOWED_CIDRS = "allowedCidrs";
    static final String SHORT_TOKEN = "shortToken";
    static final String START_AT = "startAt";
    static final String END_AT = "endAt";
    static final String EXPIRY_PERIOD_IN_DAYS = "expiryPeriodInDays";
    static final String UPDATED_AT = "updatedAt";
    static final String LAST_ROTATED_AT = "lastRotatedAt";
    static final String LAST_USED_AT = "lastUsedAt";
    /** On hash items: when a use from outside allowedCidrs was last audited (the once-a-minute gate). */
    static final String IP_DENIED_AT = "ipDeniedAt";
    static final String CREATED_BY_ID = "createdById";
    static final String CREATED_BY_NAME = "createdByName";
    static final String UPDATED_BY_ID = "updatedById";
    static final String UPDATED_BY_NAME = "updatedByName";
    static final String VERSION = "version";
    static final String CURRENT_HASH_KEY = "currentHashKey";
    static final String PREVIOUS_HASH_KEY = "previousHashKey";
    static final String PREVIOUS_VALID_UNTIL = "previousValidUntil";
    static final String SECRET_NAME = "secretName";
    static final String SECRET_ARN = "secretArn";
    static final String ROTATION_EVERY_DAYS = "rotationEveryDays";
    static final String ROTATION_GRACE_SECONDS = "rotationGraceSeconds";
    static final String HASH_KEY = "hashKey";
    static final String TOKEN_ID = "tokenId";
    static final String STATUS = "status";
    static final String VALID_UNTIL = "validUntil";
    static final String REVOKED_AT = "revokedAt";
    static final String FINGERPRINT = "fingerprint";
    static final String SEALED_VALUE = "sealedValue";
    static final String DEPLOYMENT_ID = "deploymentId";
    static final String MAX_EXPIRY_DAYS = "maxExpiryDays";
    static final String REQUIRE_EXPIRY = "requireExpiry";
    static final String MAX_GRACE_PERIOD_SECONDS = "maxGracePeriodSeconds";
    static final String ALLOW_DIRECT_ACCESS = "allowDirectAccess";
    static final String REQUIRE_ALLOWED_CIDRS = "requireAllowedCidrs";
    static final String MAX_IDLE_DAYS = "maxIdleDays";
    static final String EXPIRY_NOTICE_DAYS = "expiryNoticeDays";
    static final String AT = "at";
    static final String ACTION = "action";
    static final String OUTCOME = "outcome";
    static final String ACTOR_ID = "actorId";
    static final String ACTOR_NAME = "actorName";
    static final String REQUEST_ID = "requestId";
    static final String DETAIL = "detail";
    static final String ENTITY_TYPE = "entityType";
    static final String ROLE = "role";
    static final String CUSTOM_ROLE_ID = "customRoleId";
    static final String ROLE_VERSION = "roleVersion";
    static final String PERMISSIONS = "permissions";
    static final String SCOPE_TYPE = "scopeType";
    static final String RESTRICTED_WORKSPACE_IDS = "restrictedWorkspaceIds";
    static final String FAN_OUT_PENDING = "fanOutPending";
    static final String DELETING = "deleting";

    // The values of TYPE.
    static final String TYPE_ORGANIZATION = "ORGANIZATION";
    static final String TYPE_TOKEN = "TOKEN";
    static final String TYPE_HASH = "HASH";
    static final String TYPE_IDEMPOTENCY = "IDEMPOTENCY";
    static final String TYPE_POLICY = "POLICY";
    static final String TYPE_WORKSPACE = "WORKSPACE";
    static final String TYPE_DEPLOYMENT = "DEPLOYMENT";
    static final String TYPE_AUDIT = "AUDIT";
    static final String TYPE_UNUSED = "UNUSED";
    static final String TYPE_EXPIRY_NOTICE = "EXPIRY_NOTICE";
    static final String TYPE_CUSTOM_ROLE = "CUSTOM_ROLE";
    static final String TYPE_CUSTOM_ROLE_NAME = "CUSTOM_ROLE_NAME";
    static final String TYPE_ROLE_HOLDER = "ROLE_HOLDER";

    /** The sparse index of the schedule's work (tokens with a rotation policy, the hygiene queues), sorted by when it is due. */
    public static final String ROTATION_INDEX = "rotation-due";
    static final String ROTATION_QUEUE = "rotationQueue";
    static final String ROTATION_QUEUE_DUE = "SCHEDULED";
    static final String NEXT_ROTATION_AT = "nextRotationAt";

    /*
     * The idle and expiry hygiene uses the rotation index as the schedule's work queue, with further values of
     * rotationQueue (and nextRotationAt as their "at"): a new index would be a second one to add to a deployed table in
     * the same stack update, which CloudFormation refuses (one index per update).
     */
    /** Expiry-notice markers ({@link #EXPIRY_NOTICE_PREFIX} items), at = the token's endAt. */
    static final String QUEUE_EXPIRING = "EXPIRING";
    /** Revoked hash items whose revocation notice is not sent, at = revokedAt. */
    static final String QUEUE_REVOKED = "REVOKED";
    /** Policy items with a maxIdleDays: the organizations the idle index is read for. */
    static final String QUEUE_IDLE_POLICY = "IDLE_POLICY";
    /** A token's expiry-notice marker, in its organization's partition; deleted once the notice is sent. */
    static final String EXPIRY_NOTICE_PREFIX = "NOTICE#EXPIRING#";
    /** A never-used token's entry in the idle index, at its creation; deleted at revocation, or by the sweep after use. */
    static final String UNUSED_PREFIX = "UNUSED#";
    /** Until when a sweep holds a notice it is sending (epoch ms); another sweep takes it over only after that. */
    static final String NOTICE_CLAIM = "noticeClaimedUntil";
    static final String NOTICE_SENT_AT = "noticeSentAt";
    /** On a revoked hash item with a notice: why, and the token's own use and creation (the hash item has its value's). */
    static final String NOTICE_REASON = "noticeReason";
    static final String TOKEN_LAST_USED_AT = "tokenLastUsedAt";
    static final String TOKEN_CREATED_AT = "tokenCreatedAt";

    /**
     * The idle index, by organization ({@code idleOrganization}) and {@code lastUsedAt}: every token item (it appears
     * once used: validate writes lastUsedAt, and may write nothing else) and every never-used token's
     * {@link #UNUSED_PREFIX} marker (whose lastUsedAt is the token's creation). The sweep reads exactly the tokens idle
     * longer than the organization's current maxIdleDays.
     */
    public static final String IDLE_INDEX = "idle";
    static final String IDLE_ORGANIZATION = "idleOrganization";

    // Conditions and key conditions every store uses.
    static final String ITEM_EXISTS = "attribute_exists(" + PK + ")";
    static final String ITEM_ABSENT = "attribute_not_exists(" + PK + ")";
    /** A partition's items whose sort key starts with {@code :prefix}. */
    static final String PARTITION_WITH_PREFIX = PK + " = :pk AND begins_with(" + SK + ", :prefix)";

    private TableKeys() {
    }

    static Map<String, AttributeValue> organization(String organizationId) {
        return key(orgPartition(organizationId), ORGANIZATION_SORT_KEY);
    }

    static Map<String, AttributeValue> policy(String organizationId) {
        return key(orgPartition(organizationId), POLICY_SORT_KEY);
    }

    static Map<String, AttributeValue> workspace(String organizationId, String workspaceId) {
        return key(orgPartition(organizationId), WORKSPACE_PREFIX + workspaceId);
    }

    static Map<String, AttributeValue> deployment(String organizationId, String deploymentId) {
        return key(orgPartition(organizationId), DEPLOYMENT_PREFIX + deploymentId);
    }

    static Map<String, AttributeValue> token(String organizationId, String tokenId) {
        return key(orgPartition(organizationId), TOKEN_PREFIX + tokenId);
    }

    static Map<String, AttributeValue> expiryNotice(String organizationId, String tokenId) {
        return key(orgPartition(organizationId), EXPIRY_NOTICE_PREFIX + tokenId);
    }

    static Map<String, AttributeValue> unused(String organizationId, String tokenId) {
        return key(orgPartition(organizationId), UNUSED_PREFIX + tokenId);
    }

    static Map<String, AttributeValue> customRole(String organizationId, String roleId) {
        return key(orgPartition(organizationId), CUSTOM_ROLE_PREFIX + roleId);
    }

    /** The claim on a custom role's name, keyed case-insensitively so that two names differing in case cannot coexist. */
    static Map<String, AttributeValue> customRoleName(String organizationId, String name) {
        return key(orgPartition(organizationId), CUSTOM_ROLE_NAME_PREFIX + name.toLowerCase(java.util.Locale.ROOT));
    }

    static Map<String, AttributeValue> roleHolder(String organizationId, String roleId, String tokenId) {
        return key(orgPartition(organizationId), roleHolderPrefix(roleId) + tokenId);
    }

    /** The sort-key prefix of every holder item of one role. */
    static String roleHolderPrefix(String roleId) {
        return ROLE_HOLDER_PREFIX + roleId + "#";
    }

    static Map<String, AttributeValue> hash(String hashKey) {
        return key(HASH_PREFIX + hashKey, HASH_SORT_KEY);
    }

    static Map<String, AttributeValue> idempotency(String key) {
        return key(IDEMPOTENCY_PREFIX + key, IDEMPOTENCY_SORT_KEY);
    }

    static Map<String, AttributeValue> audit(String organizationId, String eventId) {
        return key(auditPartition(organizationId), eventId);
    }

    static String auditPartition(String organizationId) {
        return AUDIT_PREFIX + organizationId;
    }

    /** Event ids start with the zero-padded epoch millisecond, so every id at or after {@code at} sorts above this. */
    static String auditIdFloor(java.time.Instant at) {
        // Callers bound their instants (AuditQueries); outside 1970..9999 the 15 digits would not sort as times do.
        if (at.isBefore(java.time.Instant.EPOCH) || at.getEpochSecond() >= 253_402_300_800L) {
            throw new IllegalArgumentException("audit ids cover 1970-01-01 to 9999-12-31 only: " + at);
        }
        return String.format("%015d", at.toEpochMilli());
    }

    /** The organization of an item in an organization partition (a token item read from the rotation index). */
    static String organizationOf(Map<String, AttributeValue> item) {
        return afterPrefix(item.get(PK).s(), ORG_PREFIX);
    }

    /** The hash key of a hash item. */
    static String hashKeyOf(Map<String, AttributeValue> item) {
        return afterPrefix(item.get(PK).s(), HASH_PREFIX);
    }

    /** The token id of a token item. */
    static String tokenIdOf(Map<String, AttributeValue> item) {
        return afterPrefix(item.get(SK).s(), TOKEN_PREFIX);
    }

    /** The token id of a token item or of one of its hygiene markers. */
    static String markedTokenIdOf(Map<String, AttributeValue> item) {
        String sk = item.get(SK).s();
        for (String prefix : new String[]{TOKEN_PREFIX, UNUSED_PREFIX, EXPIRY_NOTICE_PREFIX}) {
            if (sk.startsWith(prefix)) {
                return sk.substring(prefix.length());
            }
        }
        throw new IllegalArgumentException("not a token key: " + sk);
    }

    private static String afterPrefix(String key, String prefix) {
        if (!key.startsWith(prefix)) {
            throw new IllegalArgumentException("not a " + prefix + " key: " + key);
        }
        return key.substring(prefix.length());
    }

    static String orgPartition(String organizationId) {
        return ORG_PREFIX + organizationId;
    }

    /** {@code a = :a, b = :b}: each attribute set from the value named after it. */
    static String assignments(String... attributes) {
        StringBuilder out = new StringBuilder();
        for (String a : attributes) {
            out.append(out.length() == 0 ? "" : ", ").append(a).append(" = :").append(a);
        }
        return out.toString();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
