package dev.latchkey.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the token table where nobody else does (the local runner, tests). In AWS the SAM template owns it; the
 * definition here must match {@code template.yaml}.
 */
public final class LatchkeyTable {

    private LatchkeyTable() {
    }

    public static void createIfMissing(DynamoDbClient dynamo, String table) {
        try {
            dynamo.createTable(r -> r.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            attribute(TableKeys.PK, ScalarAttributeType.S),
                            attribute(TableKeys.SK, ScalarAttributeType.S),
                            attribute(TableKeys.ROTATION_QUEUE, ScalarAttributeType.S),
                            attribute(TableKeys.NEXT_ROTATION_AT, ScalarAttributeType.N),
                            attribute(TableKeys.IDLE_ORGANIZATION, ScalarAttributeType.S),
                            attribute(TableKeys.LAST_USED_AT, ScalarAttributeType.N))
                    .keySchema(
                            KeySchemaElement.builder().attributeName(TableKeys.PK).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(TableKeys.SK).keyType(KeyType.RANGE).build())
                    .globalSecondaryIndexes(indexes()));
            dynamo.waiter().waitUntilTableExists(r -> r.tableName(table));
        } catch (ResourceInUseException alreadyThere) {
            // Created by an earlier run (a data directory) or another test: fine, once it has every index.
            addMissingIndexes(dynamo, table);
        }
    }

    /** The sparse secondary indexes, each keyed by a string and a number, keys only. */
    private static java.util.List<GlobalSecondaryIndex> indexes() {
        return java.util.List.of(
                keysOnlyIndex(TableKeys.ROTATION_INDEX, TableKeys.ROTATION_QUEUE, TableKeys.NEXT_ROTATION_AT),
                keysOnlyIndex(TableKeys.IDLE_INDEX, TableKeys.IDLE_ORGANIZATION, TableKeys.LAST_USED_AT));
    }

    /** A table kept by an older runner's data directory lacks the idle index: add what is missing, one per UpdateTable. */
    private static void addMissingIndexes(DynamoDbClient dynamo, String table) {
        var existing = dynamo.describeTable(r -> r.tableName(table)).table().globalSecondaryIndexes().stream()
                .map(software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription::indexName).toList();
        for (GlobalSecondaryIndex index : indexes()) {
            if (existing.contains(index.indexName())) {
                continue;
            }
            var keys = index.keySchema();
            dynamo.updateTable(r -> r.tableName(table)
                    .attributeDefinitions(attribute(keys.get(0).attributeName(), ScalarAttributeType.S),
                            attribute(keys.get(1).attributeName(), ScalarAttributeType.N))
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName(index.indexName())
                            .keySchema(keys).projection(index.projection()))));
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static GlobalSecondaryIndex keysOnlyIndex(String name, String hash, String range) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(
                        KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                .build();
    }
}
