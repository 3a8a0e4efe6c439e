package dev.latchkey.store.dynamodb;

import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.HashStatus;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.IdempotencyRecord;
import dev.latchkey.store.TokenStore;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.store.dynamodb.Attributes.instant;
import static dev.latchkey.store.dynamodb.Attributes.n;
import static dev.latchkey.store.dynamodb.Attributes.s;
import static dev.latchkey.store.dynamodb.Attributes.ttl;
import static dev.latchkey.store.dynamodb.TableKeys.*;

/** {@link TokenStore} on one DynamoDB table; see {@link TableKeys} for the layout. */
public final class DynamoDbTokenStore implements TokenStore {

    /** Dead values stay readable this long so that validate can say REVOKED rather than NOT_FOUND. */
    static final Duration TOMBSTONE_RETENTION = Duration.ofDays(30);

    private static final int BATCH_ATTEMPTS = 3;
    private static final String VERSION_IS_EXPECTED = VERSION + " = :expected";
    /** What every change of a token item sets besides its own attributes. */
    private static final String CHANGE_STAMP = assignments(UPDATED_AT, UPDATED_BY_ID, UPDATED_BY_NAME, VERSION);
    private static final String CONFLICT_MESSAGE = "The token was changed by another request at the same time; read it again and retry";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbTokenStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(ApiToken token, TokenHash hash, Optional<IdempotencyRecord> idempotency,
                       List<RoleAssignment.Target> registeredEntities) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(putNew(ItemMapper.tokenItem(token)));
        writes.add(putNew(ItemMapper.hashItem(hash)));
        idempotency.ifPresent(record -> writes.add(putNew(idempotencyItem(record))));
        writes.addAll(entityChecks(token.organizationId(), registeredEntities));
        writes.addAll(customRoleWrites(token.organizationId(), token.id(), List.of(), token.grant().roles()));
        // After the items whose positions the cancellation reasons above are read at.
        ItemMapper.hygieneMarkers(token).forEach(marker -> writes.add(putNew(marker)));
        try {
            transact("create token", writes);
        } catch (TransactionCanceledException e) {
            if (idempotency.isPresent() && BackendErrors.failedAt(e, 2)) {
                throw new IdempotencyKeyTaken();
            }
            if (BackendErrors.isConflict(e)) {
                throw LatchkeyException.conflict("A workspace, deployment or custom role this token refers to was changed at the same time; retry");
            }
            throw e;
        }
    }

    @Override
    public void createWithOrganization(ApiToken token, TokenHash hash) {
        List<TransactWriteItem> writes = new ArrayList<>(List.of(
                putNew(ItemMapper.organizationItem(token.organizationId(), token.history().createdAt())),
                putNew(ItemMapper.tokenItem(token)),
                putNew(ItemMapper.hashItem(hash))));
        ItemMapper.hygieneMarkers(token).forEach(marker -> writes.add(putNew(marker)));
        try {
            transact("create organization", writes);
        } catch (TransactionCanceledException e) {
            if (BackendErrors.failedAt(e, 0)) {
                throw LatchkeyException.conflict("Organization " + token.organizationId()
                        + " is already registered; make further tokens with its owner token");
            }
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                    "The token table cancelled create organization; nothing was changed", List.of(), e);
        }
    }

    @Override
    public Optional<ApiToken> find(String organizationId, String tokenId) {
        return get("read token", TableKeys.token(organizationId, tokenId)).map(ItemMapper::token);
    }

    @Override
    public List<ApiToken> list(String organizationId) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression(PARTITION_WITH_PREFIX)
                .expressionAttributeValues(Map.of(
                        ":pk", s(TableKeys.orgPartition(organizationId)),
                        ":prefix", s(TOKEN_PREFIX)))
                .consistentRead(true)
                .build();
        return BackendErrors.call("list tokens", () -> dynamo.queryPaginator(request).items().stream()
                .map(ItemMapper::token)
                .toList());
    }

    @Override
    public Optional<TokenHash> findHash(String hashKey) {
        return get("read token hash", TableKeys.hash(hashKey)).map(ItemMapper::hash);
    }

    @Override
    public HashAndPlacement findHashAndPlacement(String hashKey, String organizationId, String deploymentId) {
        Map<String, AttributeValue> hashKeyItem = TableKeys.hash(hashKey);
        Map<String, AttributeValue> deploymentKey = TableKeys.deployment(organizationId, deploymentId);
        List<Map<String, AttributeValue>> wanted = new ArrayList<>(List.of(hashKeyItem, deploymentKey));
        Map<String, AttributeValue> hash = null;
        Map<String, AttributeValue> deployment = null;
        // BatchGetItem may hand keys back unprocessed when throttled; a few immediate retries, then a 503.
        for (int attempt = 0; !wanted.isEmpty(); attempt++) {
            if (attempt == BATCH_ATTEMPTS) {
                throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                        "The token table left part of a read unprocessed; retry", List.of(), null);
            }
            List<Map<String, AttributeValue>> keys = List.copyOf(wanted);
            BatchGetItemResponse response = BackendErrors.call("read token hash and deployment", () -> dynamo.batchGetItem(r -> r
                    .requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build()))));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                if (item.get(PK).equals(hashKeyItem.get(PK))) {
                    hash = item;
                } else {
                    deployment = item;
                }
            }
            KeysAndAttributes left = response.unprocessedKeys().get(table);
            wanted = left == null || !left.hasKeys() ? List.of() : new ArrayList<>(left.keys());
        }
        return new HashAndPlacement(Optional.ofNullable(hash).map(ItemMapper::hash),
                Optional.ofNullable(deployment).map(item -> Attributes.string(item, WORKSPACE_ID)));
    }

    @Override
    public void updateDetails(ApiToken before, ApiToken after) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":name", s(after.name()));
        values.putAll(changeStamp(before, after));
        StringBuilder set = new StringBuilder("SET #name = :name, " + CHANGE_STAMP);
        List<String> remove = new ArrayList<>();
        if (after.description() == null) {
            remove.add(DESCRIPTION);
        } else {
            values.put(":" + DESCRIPTION, s(after.description()));
            set.append(", ").append(assignments(DESCRIPTION));
        }
        if (after.grant().allowedCidrs().bound()) {
            values.put(":" + ALLOWED_CIDRS, ItemMapper.allowedCidrs(after.grant().allowedCidrs()));
            set.append(", ").append(assignments(ALLOWED_CIDRS));
        } else {
            remove.add(ALLOWED_CIDRS);
        }
        Map<String, AttributeValue> rotation = ItemMapper.rotationAttributes(after.rotation());
        if (rotation.isEmpty()) {
            remove.addAll(ItemMapper.ROTATION_ATTRIBUTES);
        } else {
            rotation.forEach((attribute, value) -> {
                set.append(", ").append(assignments(attribute));
                values.put(":" + attribute, value);
            });
        }
        String update = set + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(TableKeys.token(before.organizationId(), before.id()))
                .updateExpression(update)
                .conditionExpression(VERSION_IS_EXPECTED)
                .expressionAttributeNames(Map.of("#name", NAME))
                .expressionAttributeValues(values)
                .build()).build());
        // The hash items carry the name so that authenticated callers are named in createdBy/updatedBy, and the
        // network binding so that the very next validate of each value applies the new one.
        writes.add(setHashDetails(before.values().currentHashKey(), after));
        if (before.values().previousHashKey() != null) {
            writes.add(setHashDetails(before.values().previousHashKey(), after));
        }
        transactOrConflict("update token", writes);
    }

    @Override
    public void replaceRoles(ApiToken before, ApiToken after, List<RoleAssignment.Target> registeredEntities, Instant now) {
        Map<String, AttributeValue> roleValues = changeStamp(before, after);
        roleValues.put(":roles", ItemMapper.roles(after.grant().roles()));
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(TableKeys.token(before.organizationId(), before.id()))
                .updateExpression("SET #roles = :roles, " + CHANGE_STAMP)
                .conditionExpression(VERSION_IS_EXPECTED)
                .expressionAttributeNames(Map.of("#roles", ROLES))
                .expressionAttributeValues(roleValues)
                .build()).build());
        writes.add(setHashAttribute(before.values().currentHashKey(), ROLES, ItemMapper.roles(after.grant().roles())));
        if (before.previousLiveAt(now)) {
            writes.add(setHashAttribute(before.values().previousHashKey(), ROLES, ItemMapper.roles(after.grant().roles())));
        }
        writes.addAll(entityChecks(before.organizationId(), registeredEntities));
        writes.addAll(customRoleWrites(before.organizationId(), before.id(), before.grant().roles(), after.grant().roles()));
        transactOrConflict("replace token roles", writes);
    }

    @Override
    public void rotate(ApiToken before, ApiToken after, TokenHash newHash, Instant now) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> values = changeStamp(before, after);
        values.put(":" + SHORT_TOKEN, s(after.values().shortToken()));
        values.put(":" + CURRENT_HASH_KEY, s(after.values().currentHashKey()));
        values.put(":" + PREVIOUS_HASH_KEY, s(after.values().previousHashKey()));
        values.put(":" + PREVIOUS_VALID_UNTIL, instant(after.values().previousValidUntil()));
        values.put(":" + LAST_ROTATED_AT, instant(after.history().lastRotatedAt()));
        String reschedule = "";
        if (after.rotation() != null) {
            // Two sweeps racing for one due token: the version condition lets exactly one of them through.
            values.put(":" + NEXT_ROTATION_AT, instant(after.rotation().nextRotationAt()));
            reschedule = ", " + assignments(NEXT_ROTATION_AT);
        }
        writes.add(TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(TableKeys.token(before.organizationId(), before.id()))
                .updateExpression("SET " + assignments(SHORT_TOKEN, CURRENT_HASH_KEY, PREVIOUS_HASH_KEY, PREVIOUS_VALID_UNTIL,
                        LAST_ROTATED_AT) + ", " + CHANGE_STAMP + reschedule)
                .conditionExpression(VERSION_IS_EXPECTED)
                .expressionAttributeValues(values)
                .build()).build());
        writes.add(putNew(ItemMapper.hashItem(newHash)));
        writes.add(TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(TableKeys.hash(before.values().currentHashKey()))
                .updateExpression("SET #status = :superseded, " + VALID_UNTIL + " = :until, " + TTL + " = :ttl")
                .conditionExpression(ITEM_EXISTS + " AND #status = :live")
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(Map.of(
                        ":superseded", s(HashStatus.SUPERSEDED.name()),
                        ":live", s(HashStatus.LIVE.name()),
                        ":until", instant(after.values().previousValidUntil()),
                        ":ttl", ttl(after.values().previousValidUntil().plus(TOMBSTONE_RETENTION))))
                .build()).build());
        if (before.previousLiveAt(now)) {
            // Only the value just replaced keeps a grace period; an older one still in its grace ends now.
            writes.add(TransactWriteItem.builder().update(Update.builder()
                    .tableName(table)
                    .key(TableKeys.hash(before.values().previousHashKey()))
                    .updateExpression("SET " + VALID_UNTIL + " = :now")
                    .conditionExpression(ITEM_EXISTS)
                    .expressionAttributeValues(Map.of(":now", instant(now)))
                    .build()).build());
        }
        transactOrConflict("rotate token", writes);
    }

    @Override
    public void revoke(ApiToken token, Instant now, RevocationNotice notice) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(Delete.builder()
                .tableName(table)
                .key(TableKeys.token(token.organizationId(), token.id()))
                .conditionExpression(VERSION_IS_EXPECTED)
                .expressionAttributeValues(Map.of(":expected", n(token.history().version())))
                .build()).build());
        writes.add(markRevoked(token.values().currentHashKey(), now, noticeAttributes(token, now, notice)));
        if (token.values().previousHashKey() != null) {
            writes.add(markRevoked(token.values().previousHashKey(), now, Map.of()));
        }
        // Its hygiene markers go with it (a delete of an absent item succeeds: a used token has no unused marker).
        for (Map<String, AttributeValue> marker : List.of(TableKeys.unused(token.organizationId(), token.id()),
                TableKeys.expiryNotice(token.organizationId(), token.id()))) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(marker).build()).build());
        }
        writes.addAll(customRoleWrites(token.organizationId(), token.id(), token.grant().roles(), List.of()));
        transactOrConflict("revoke token", writes);
    }

    @Override
    public void recordUse(TokenHash hash, Instant now, Instant cutoff) {
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().update(Update.builder()
                        .tableName(table)
                        .key(TableKeys.hash(hash.hashKey()))
                        .updateExpression("SET " + LAST_USED_AT + " = :now")
                        .conditionExpression(ITEM_EXISTS + " AND (attribute_not_exists(" + LAST_USED_AT + ") OR " + LAST_USED_AT + " < :cutoff)")
                        .expressionAttributeValues(Map.of(":now", instant(now), ":cutoff", instant(cutoff)))
                        .build()).build(),
                TransactWriteItem.builder().update(Update.builder()
                        .tableName(table)
                        .key(TableKeys.token(hash.organizationId(), hash.tokenId()))
                        .updateExpression("SET " + LAST_USED_AT + " = :now")
                        .conditionExpression(ITEM_EXISTS)
                        .expressionAttributeValues(Map.of(":now", instant(now)))
                        .build()).build());
        try {
            transact("record token use", writes);
        } catch (TransactionCanceledException e) {
            // Another request recorded this minute's use first, or the token is gone: nothing to do.
        }
    }

    @Override
    public boolean recordIpDenial(TokenHash hash, Instant now, Instant cutoff) {
        try {
            BackendErrors.run("record refused source address", () -> dynamo.updateItem(r -> r
                    .tableName(table)
                    .key(TableKeys.hash(hash.hashKey()))
                    .updateExpression("SET " + IP_DENIED_AT + " = :now")
                    .conditionExpression(ITEM_EXISTS + " AND (attribute_not_exists(" + IP_DENIED_AT + ") OR " + IP_DENIED_AT + " < :cutoff)")
                    .expressionAttributeValues(Map.of(":now", instant(now), ":cutoff", instant(cutoff)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            // Another request audited this minute's refusals first, or the value is gone: nothing to add.
            return false;
        }
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotency(String key) {
        return get("read idempotency record", TableKeys.idempotency(key)).map(item -> new IdempotencyRecord(
                key,
                item.get(FINGERPRINT).s(),
                item.get(ORGANIZATION_ID).s(),
                item.get(TOKEN_ID).s(),
                item.get(SEALED_VALUE).b().asByteArray(),
                Attributes.instant(item, VALID_UNTIL)));
    }

    @Override
    public List<TokenRef> dueForRotation(Instant now, int limit) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .indexName(ROTATION_INDEX)
                .keyConditionExpression("#queue = :queue AND #next <= :now")
                .expressionAttributeNames(Map.of("#queue", ROTATION_QUEUE, "#next", NEXT_ROTATION_AT))
                .expressionAttributeValues(Map.of(":queue", s(ROTATION_QUEUE_DUE), ":now", instant(now)))
                .limit(Math.min(limit, 1000))
                .build();
        return BackendErrors.call("find tokens due for rotation", () -> dynamo.queryPaginator(request).items().stream()
                .limit(limit)
                .map(item -> new TokenRef(TableKeys.organizationOf(item), TableKeys.tokenIdOf(item)))
                .toList());
    }

    /** The values of {@link #CHANGE_STAMP} and of {@link #VERSION_IS_EXPECTED}'s {@code :expected}. */
    private static Map<String, AttributeValue> changeStamp(ApiToken before, ApiToken after) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":" + UPDATED_AT, instant(after.history().updatedAt()));
        values.put(":" + UPDATED_BY_ID, s(after.history().updatedBy().id()));
        values.put(":" + UPDATED_BY_NAME, s(after.history().updatedBy().apiTokenName()));
        values.put(":" + VERSION, n(after.history().version()));
        values.put(":expected", n(before.history().version()));
        return values;
    }

    private Map<String, AttributeValue> idempotencyItem(IdempotencyRecord record) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.idempotency(record.key()));
        item.put(TYPE, s(TYPE_IDEMPOTENCY));
        item.put(FINGERPRINT, s(record.requestFingerprint()));
        item.put(ORGANIZATION_ID, s(record.organizationId()));
        item.put(TOKEN_ID, s(record.tokenId()));
        item.put(SEALED_VALUE, AttributeValue.fromB(SdkBytes.fromByteArray(record.sealedValue())));
        item.put(VALID_UNTIL, instant(record.expiresAt()));
        item.put(TTL, ttl(record.expiresAt()));
        return item;
    }

    private TransactWriteItem setHashAttribute(String hashKey, String attribute, AttributeValue value) {
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(TableKeys.hash(hashKey))
                .updateExpression("SET #attribute = :value")
                .conditionExpression(ITEM_EXISTS)
                .expressionAttributeNames(Map.of("#attribute", attribute))
                .expressionAttributeValues(Map.of(":value", value))
                .build()).build();
    }

    /** A hash item's copy of the token's name and network binding, as {@link #updateDetails} changes them. */
    private TransactWriteItem setHashDetails(String hashKey, ApiToken after) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":name", s(after.name())));
        String update = "SET #name = :name";
        if (after.grant().allowedCidrs().bound()) {
            values.put(":cidrs", ItemMapper.allowedCidrs(after.grant().allowedCidrs()));
            update += ", #cidrs = :cidrs";
        } else {
            update += " REMOVE #cidrs";
        }
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(TableKeys.hash(hashKey))
                .updateExpression(update)
                .conditionExpression(ITEM_EXISTS)
                .expressionAttributeNames(Map.of("#name", NAME, "#cidrs", ALLOWED_CIDRS))
                .expressionAttributeValues(values)
                .build()).build();
    }

    private TransactWriteItem markRevoked(String hashKey, Instant now, Map<String, AttributeValue> alsoSet) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":revoked", s(HashStatus.REVOKED.name()),
                ":now", instant(now),
                ":ttl", ttl(now.plus(TOMBSTONE_RETENTION))));
        StringBuilder set = new StringBuilder("SET #status = :revoked, " + REVOKED_AT + " = :now, " + TTL + " = :ttl");
        alsoSet.forEach((attribute, value) -> {
            set.append(", ").append(assignments(attribute));
            values.put(":" + attribute, value);
        });
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(TableKeys.hash(hashKey))
                .updateExpression(set.toString())
                .conditionExpression(ITEM_EXISTS)
                .expressionAttributeNames(Map.of("#status", STATUS))
                .expressionAttributeValues(values)
                .build()).build();
    }

    /**
     * The attributes that queue a revocation's notice on the current value's hash item (a tombstone that outlives the
     * token item), set in the revocation's own transaction: a revocation that lands always has its notice queued.
     */
    private static Map<String, AttributeValue> noticeAttributes(ApiToken token, Instant now, RevocationNotice notice) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        if (notice == RevocationNotice.NONE) {
            return attributes;
        }
        attributes.put(ROTATION_QUEUE, s(QUEUE_REVOKED));
        attributes.put(NEXT_ROTATION_AT, instant(now));
        attributes.put(NOTICE_REASON, s(notice.name()));
        attributes.put(TOKEN_CREATED_AT, instant(token.history().createdAt()));
        if (token.history().lastUsedAt() != null) {
            attributes.put(TOKEN_LAST_USED_AT, instant(token.history().lastUsedAt()));
        }
        return attributes;
    }

    private List<TransactWriteItem> entityChecks(String organizationId, List<RoleAssignment.Target> targets) {
        Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
        for (RoleAssignment.Target t : targets) {
            Map<String, AttributeValue> key = switch (t.entityType()) {
                case ORGANIZATION -> null;
                case WORKSPACE -> TableKeys.workspace(organizationId, t.entityId());
                case DEPLOYMENT, DAG, DAG_TAG -> TableKeys.deployment(organizationId, t.deployment());
            };
            if (key != null) {
                keys.putIfAbsent(key.get(SK).s(), key);
            }
        }
        return keys.values().stream().map(key -> TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(table)
                .key(key)
                .conditionExpression(ITEM_EXISTS)
                .build()).build()).toList();
    }

    /**
     * What a change of a token's roles from {@code before} to {@code after} does to custom roles, in the same
     * transaction: a holder item for each custom role the token starts holding, none for one it stops holding, and,
     * for each custom role version it newly carries, a check that the role is still at that version. So an edit that
     * committed after the role was read cancels the token write (the writer re-reads), and an edit that commits after
     * it finds the holder item and rewrites this token too: no token keeps an old permission set unnoticed.
     */
    private List<TransactWriteItem> customRoleWrites(String organizationId, String tokenId, List<RoleAssignment> before,
                                                     List<RoleAssignment> after) {
        Set<String> held = customRoleIds(before);
        Set<String> holds = customRoleIds(after);
        Set<RoleAssignment.CustomGrant> carried = new HashSet<>();
        before.stream().filter(RoleAssignment::isCustom).forEach(r -> carried.add(r.custom()));
        Map<String, Long> newlyCarried = new TreeMap<>();
        after.stream().filter(r -> r.isCustom() && !carried.contains(r.custom()))
                .forEach(r -> newlyCarried.put(r.custom().id(), r.custom().version()));
        List<TransactWriteItem> writes = new ArrayList<>();
        newlyCarried.forEach((roleId, version) -> writes.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(table)
                .key(TableKeys.customRole(organizationId, roleId))
                .conditionExpression(VERSION_IS_EXPECTED)
                .expressionAttributeValues(Map.of(":expected", n(version)))
                .build()).build()));
        for (String roleId : holds) {
            if (!held.contains(roleId)) {
                Map<String, AttributeValue> item = new HashMap<>(TableKeys.roleHolder(organizationId, roleId, tokenId));
                item.put(TYPE, s(TYPE_ROLE_HOLDER));
                item.put(CUSTOM_ROLE_ID, s(roleId));
                item.put(TOKEN_ID, s(tokenId));
                writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build());
            }
        }
        for (String roleId : held) {
            if (!holds.contains(roleId)) {
                writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(TableKeys.roleHolder(organizationId, roleId, tokenId)).build()).build());
            }
        }
        return writes;
    }

    private static Set<String> customRoleIds(List<RoleAssignment> roles) {
        Set<String> ids = new TreeSet<>();
        roles.stream().filter(RoleAssignment::isCustom).forEach(r -> ids.add(r.custom().id()));
        return ids;
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression(ITEM_ABSENT)
                .build()).build();
    }

    private Optional<Map<String, AttributeValue>> get(String operation, Map<String, AttributeValue> key) {
        GetItemResponse response = BackendErrors.call(operation,
                () -> dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private void transact(String operation, List<TransactWriteItem> writes) {
        BackendErrors.run(operation, () -> dynamo.transactWriteItems(r -> r.transactItems(writes)));
    }

    private void transactOrConflict(String operation, List<TransactWriteItem> writes) {
        try {
            transact(operation, writes);
        } catch (TransactionCanceledException e) {
            if (BackendErrors.isConflict(e)) {
                throw LatchkeyException.conflict(CONFLICT_MESSAGE);
            }
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                    "The token table cancelled " + operation + "; nothing was changed", List.of(), e);
        }
    }
}
