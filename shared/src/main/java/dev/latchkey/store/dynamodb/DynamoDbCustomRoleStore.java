package dev.latchkey.store.dynamodb;

import dev.latchkey.domain.CustomRole;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.CustomRoleStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.store.dynamodb.Attributes.n;
import static dev.latchkey.store.dynamodb.Attributes.s;
import static dev.latchkey.store.dynamodb.TableKeys.*;

/** {@link CustomRoleStore} in the organization partitions of the token table; see {@link TableKeys}. */
public final class DynamoDbCustomRoleStore implements CustomRoleStore {

    private static final String VERSION_IS_EXPECTED = VERSION + " = :expected";
    private static final String NAME_TAKEN = "Another custom role of this organization is already named ";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbCustomRoleStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(CustomRole role) {
        List<TransactWriteItem> writes = List.of(
                put(nameClaim(role), ITEM_ABSENT, Map.of()),
                put(ItemMapper.customRoleItem(role), ITEM_ABSENT, Map.of()));
        try {
            transact("create custom role", writes);
        } catch (TransactionCanceledException e) {
            throw conflict(e, NAME_TAKEN + role.name());
        }
    }

    @Override
    public Optional<CustomRole> find(String organizationId, String roleId) {
        return get("read custom role", TableKeys.customRole(organizationId, roleId)).map(ItemMapper::customRole);
    }

    @Override
    public Optional<CustomRole> findByName(String organizationId, String name) {
        return get("read custom role name", TableKeys.customRoleName(organizationId, name))
                .flatMap(claim -> find(organizationId, Attributes.string(claim, ID)))
                .filter(role -> role.name().equals(name));
    }

    @Override
    public List<CustomRole> list(String organizationId) {
        return query("list custom roles", organizationId, CUSTOM_ROLE_PREFIX, null, Integer.MAX_VALUE).stream()
                .map(ItemMapper::customRole).toList();
    }

    @Override
    public void update(CustomRole before, CustomRole after) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(ItemMapper.customRoleItem(after), VERSION_IS_EXPECTED, Map.of(":expected", n(before.version()))));
        boolean renamed = !TableKeys.customRoleName(before.organizationId(), before.name())
                .equals(TableKeys.customRoleName(after.organizationId(), after.name()));
        if (renamed) {
            writes.add(put(nameClaim(after), ITEM_ABSENT, Map.of()));
            writes.add(deleteNameClaim(before));
        }
        try {
            transact("update custom role", writes);
        } catch (TransactionCanceledException e) {
            if (renamed && BackendErrors.failedAt(e, 1) && !BackendErrors.failedAt(e, 0)) {
                throw LatchkeyException.conflict(NAME_TAKEN + after.name());
            }
            throw conflict(e, "The custom role was changed by another request at the same time; read it again and retry");
        }
    }

    @Override
    public void fanOutDone(String organizationId, String roleId, long version) {
        try {
            BackendErrors.run("finish custom role fan-out", () -> dynamo.updateItem(r -> r.tableName(table)
                    .key(TableKeys.customRole(organizationId, roleId))
                    .updateExpression("SET " + FAN_OUT_PENDING + " = :false")
                    .conditionExpression(VERSION_IS_EXPECTED)
                    .expressionAttributeValues(Map.of(":false", AttributeValue.fromBool(false), ":expected", n(version)))));
        } catch (ConditionalCheckFailedException newer) {
            // A later change (or a delete) moved the role on; its own fan-out clears the mark.
        }
    }

    @Override
    public void delete(CustomRole role) {
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(TableKeys.customRole(role.organizationId(), role.id()))
                        .conditionExpression(VERSION_IS_EXPECTED)
                        .expressionAttributeValues(Map.of(":expected", n(role.version())))
                        .build()).build(),
                deleteNameClaim(role));
        try {
            transact("delete custom role", writes);
        } catch (TransactionCanceledException e) {
            throw conflict(e, "The custom role was changed by another request at the same time; retry");
        }
    }

    @Override
    public List<String> holders(String organizationId, String roleId, String afterTokenId, int limit) {
        String prefix = TableKeys.roleHolderPrefix(roleId);
        return query("list custom role holders", organizationId, prefix, afterTokenId == null ? null : prefix + afterTokenId, limit)
                .stream().map(item -> Attributes.string(item, TOKEN_ID)).toList();
    }

    private List<Map<String, AttributeValue>> query(String operation, String organizationId, String prefix, String startAfterSortKey,
                                                    int limit) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression(PARTITION_WITH_PREFIX)
                .expressionAttributeValues(Map.of(":pk", s(TableKeys.orgPartition(organizationId)), ":prefix", s(prefix)))
                .consistentRead(true)
                .limit(Math.min(limit, 1000));
        if (startAfterSortKey != null) {
            request.exclusiveStartKey(Map.of(PK, s(TableKeys.orgPartition(organizationId)), SK, s(startAfterSortKey)));
        }
        QueryRequest built = request.build();
        return BackendErrors.call(operation, () -> dynamo.queryPaginator(built).items().stream().limit(limit).toList());
    }

    private Map<String, AttributeValue> nameClaim(CustomRole role) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.customRoleName(role.organizationId(), role.name()));
        item.put(TYPE, s(TYPE_CUSTOM_ROLE_NAME));
        item.put(ID, s(role.id()));
        return item;
    }

    private TransactWriteItem deleteNameClaim(CustomRole role) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(TableKeys.customRoleName(role.organizationId(), role.name()))
                .conditionExpression(ID + " = :id")
                .expressionAttributeValues(Map.of(":id", s(role.id())))
                .build()).build();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(condition);
        if (!values.isEmpty()) {
            put.expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private static LatchkeyException conflict(TransactionCanceledException e, String message) {
        if (BackendErrors.isConflict(e)) {
            return LatchkeyException.conflict(message);
        }
        return new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE,
                "The token table cancelled a custom role change; nothing was changed", List.of(), e);
    }

    private Optional<Map<String, AttributeValue>> get(String operation, Map<String, AttributeValue> key) {
        var response = BackendErrors.call(operation, () -> dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private void transact(String operation, List<TransactWriteItem> writes) {
        BackendErrors.run(operation, () -> dynamo.transactWriteItems(r -> r.transactItems(writes)));
    }
}
