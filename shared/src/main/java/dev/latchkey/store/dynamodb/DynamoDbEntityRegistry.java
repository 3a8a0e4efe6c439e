package dev.latchkey.store.dynamodb;

import dev.latchkey.domain.Deployment;
import dev.latchkey.domain.OrganizationPolicy;
import dev.latchkey.domain.Workspace;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.EntityRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.store.dynamodb.Attributes.instant;
import static dev.latchkey.store.dynamodb.Attributes.s;
import static dev.latchkey.store.dynamodb.Attributes.string;

/** {@link EntityRegistry} in the organization partitions of the token table. */
public final class DynamoDbEntityRegistry implements EntityRegistry {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbEntityRegistry(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean organizationExists(String organizationId) {
        return get("read organization", TableKeys.organization(organizationId)).isPresent();
    }

    @Override
    public boolean registerOrganization(String organizationId, Instant now) {
        try {
            BackendErrors.run("register organization", () -> dynamo.putItem(r -> r.tableName(table)
                    .item(ItemMapper.organizationItem(organizationId, now))
                    .conditionExpression("attribute_not_exists(pk)")));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Workspace> workspace(String organizationId, String workspaceId) {
        return get("read workspace", TableKeys.workspace(organizationId, workspaceId)).map(item -> new Workspace(
                organizationId, workspaceId, Attributes.instant(item, "createdAt"), Attributes.instant(item, "updatedAt")));
    }

    @Override
    public Optional<Deployment> deployment(String organizationId, String deploymentId) {
        return get("read deployment", TableKeys.deployment(organizationId, deploymentId)).map(item -> deployment(organizationId, deploymentId, item));
    }

    @Override
    public Map<String, String> deploymentWorkspaces(String organizationId) {
        return BackendErrors.call("list deployments", () -> dynamo.queryPaginator(r -> r.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", s(TableKeys.orgPartition(organizationId)), ":prefix", s("DEP#")))
                        .consistentRead(true))
                .items().stream()
                .collect(java.util.stream.Collectors.toMap(item -> string(item, "deploymentId"), item -> string(item, "workspaceId"))));
    }

    @Override
    public void removeWorkspace(String organizationId, String workspaceId) {
        BackendErrors.run("remove a workspace", () -> dynamo.deleteItem(r -> r.tableName(table).key(TableKeys.workspace(organizationId, workspaceId))));
    }

    @Override
    public void removeDeployment(String organizationId, String deploymentId) {
        BackendErrors.run("remove a deployment", () -> dynamo.deleteItem(r -> r.tableName(table).key(TableKeys.deployment(organizationId, deploymentId))));
    }

    @Override
    public OrganizationPolicy policy(String organizationId) {
        return get("read the organization policy", TableKeys.policy(organizationId)).map(item -> new OrganizationPolicy(
                        item.containsKey("maxExpiryDays") ? Attributes.number(item, "maxExpiryDays").intValue() : null,
                        item.get("requireExpiry").bool(),
                        Attributes.number(item, "maxGracePeriodSeconds"),
                        item.get("allowDirectAccess").bool()))
                .orElse(OrganizationPolicy.DEFAULT);
    }

    @Override
    public void putPolicy(String organizationId, OrganizationPolicy policy, Instant now) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(TableKeys.policy(organizationId));
        item.put("type", s("POLICY"));
        item.put("organizationId", s(organizationId));
        item.put("requireExpiry", AttributeValue.fromBool(policy.requireExpiry()));
        item.put("allowDirectAccess", AttributeValue.fromBool(policy.allowDirectAccess()));
        if (policy.maxExpiryDays() != null) {
            item.put("maxExpiryDays", Attributes.n(policy.maxExpiryDays()));
        }
        if (policy.maxGracePeriodSeconds() != null) {
            item.put("maxGracePeriodSeconds", Attributes.n(policy.maxGracePeriodSeconds()));
        }
        item.put("updatedAt", instant(now));
        BackendErrors.run("write the organization policy", () -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    @Override
    public Workspace putWorkspace(String organizationId, String workspaceId, Instant now) {
        Map<String, AttributeValue> after = BackendErrors.call("register workspace", () -> dynamo.updateItem(r -> r.tableName(table)
                .key(TableKeys.workspace(organizationId, workspaceId))
                .updateExpression("SET #type = :type, organizationId = :org, workspaceId = :ws, "
                        + "createdAt = if_not_exists(createdAt, :now), updatedAt = :now")
                .expressionAttributeNames(Map.of("#type", "type"))
                .expressionAttributeValues(Map.of(":type", s("WORKSPACE"), ":org", s(organizationId), ":ws", s(workspaceId), ":now", instant(now)))
                .returnValues(ReturnValue.ALL_NEW))).attributes();
        return new Workspace(organizationId, workspaceId, Attributes.instant(after, "createdAt"), Attributes.instant(after, "updatedAt"));
    }

    @Override
    public Deployment putDeployment(String organizationId, String deploymentId, String workspaceId, Instant now) {
        try {
            Map<String, AttributeValue> after = BackendErrors.call("register deployment", () -> dynamo.updateItem(r -> r.tableName(table)
                    .key(TableKeys.deployment(organizationId, deploymentId))
                    .updateExpression("SET #type = :type, organizationId = :org, deploymentId = :dep, workspaceId = :ws, "
                            + "createdAt = if_not_exists(createdAt, :now), updatedAt = :now")
                    // A deployment never moves: tokens and roles were placed knowing its workspace.
                    .conditionExpression("attribute_not_exists(pk) OR workspaceId = :ws")
                    .expressionAttributeNames(Map.of("#type", "type"))
                    .expressionAttributeValues(Map.of(":type", s("DEPLOYMENT"), ":org", s(organizationId), ":dep", s(deploymentId),
                            ":ws", s(workspaceId), ":now", instant(now)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .returnValues(ReturnValue.ALL_NEW))).attributes();
            return deployment(organizationId, deploymentId, after);
        } catch (ConditionalCheckFailedException e) {
            throw LatchkeyException.conflict("Deployment " + deploymentId + " is already registered in another workspace");
        }
    }

    private static Deployment deployment(String organizationId, String deploymentId, Map<String, AttributeValue> item) {
        return new Deployment(organizationId, deploymentId, string(item, "workspaceId"),
                Attributes.instant(item, "createdAt"), Attributes.instant(item, "updatedAt"));
    }

    private Optional<Map<String, AttributeValue>> get(String operation, Map<String, AttributeValue> key) {
        var response = BackendErrors.call(operation, () -> dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }
}
