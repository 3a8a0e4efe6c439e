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
                            AttributeDefinition.builder().attributeName(TableKeys.PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(TableKeys.SK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(TableKeys.ROTATION_QUEUE).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(TableKeys.NEXT_ROTATION_AT).attributeType(ScalarAttributeType.N).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(TableKeys.PK).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(TableKeys.SK).keyType(KeyType.RANGE).build())
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                            .indexName(TableKeys.ROTATION_INDEX)
                            .keySchema(
                                    KeySchemaElement.builder().attributeName(TableKeys.ROTATION_QUEUE).keyType(KeyType.HASH).build(),
                                    KeySchemaElement.builder().attributeName(TableKeys.NEXT_ROTATION_AT).keyType(KeyType.RANGE).build())
                            .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                            .build()));
            dynamo.waiter().waitUntilTableExists(r -> r.tableName(table));
        } catch (ResourceInUseException alreadyThere) {
            // Created by an earlier run (a data directory) or another test: fine.
        }
    }
}
