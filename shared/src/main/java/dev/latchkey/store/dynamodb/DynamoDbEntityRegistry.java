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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.latchkey.store.dynamodb.Attributes.instant;
import static dev.latchkey.store.dynamodb.Attributes.s;
import static dev.latchkey.store.dynamodb.Attributes.string;
import static dev.latchkey.store.dynamodb.TableKeys.*;

/** {@link EntityRegistry} in the organization partitions of the token table. */
public final class DynamoDbEntityRegistry implements EntityRegistry {

    /** An entity is created once and re-registered any number of times. */
    private static final String REGISTERED_AT = CREATED_AT + " = if_not_exists(" + CREATED_AT + ", :now), " + UPDATED_AT + " = :now";

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
                    .conditionExpression(ITEM_ABSENT)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Workspace> workspace(String organizationId, String workspaceId) {
        return get("read workspace", TableKeys.workspace(organizationId, workspaceId)).map(item -> workspace(organizationId, item));
    }

    @Override
    public Optional<Deployment> deployment(String organizationId, String deploymentId) {
        return get("read deployment", TableKeys.deployment(organizationId, deploymentId)).map(item -> deployment(organizationId, deploymentId, item));
    }

    @Override
    public List<Workspace> workspaces(String organizationId) {
        return partition("list workspaces", organizationId, WORKSPACE_PREFIX).stream().map(item -> workspace(organizationId, item)).toList();
    }

    @Override
    public List<Deployment> deployments(String organizationId) {
        return partition("list deployments", organizationId, DEPLOYMENT_PREFIX).stream()
                .map(item -> deployment(organizationId, string(item, DEPLOYMENT_ID), item)).toList();
    }

    @Override
    public Map<String, String> deploymentWorkspaces(String organizationId) {
        return deployments(organizationId).stream().collect(Collectors.toMap(Deployment::id, Deployment::workspaceId));
    }

    /** The organization partition's items of one kind, in sort-key (so id) order, read consistently. */
    private List<Map<String, AttributeValue>> partition(String operation, String organizationId, String prefix) {
        return BackendErrors.call(operation, () -> dynamo.queryPaginator(r -> r.tableName(table)
                        .keyConditionExpression(PARTITION_WITH_PREFIX)
                        .expressionAttributeValues(Map.of(":pk", s(TableKeys.orgPartition(organizationId)), ":prefix", s(prefix)))
                        .consistentRead(true))
                // Collected inside the call: the paginator reads lazily, and a failing page must count as a backend error.
                .items().stream().toList());
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
                        item.containsKey(MAX_EXPIRY_DAYS) ? Attributes.number(item, MAX_EXPIRY_DAYS).intValue() : null,
                        item.get(REQUIRE_EXPIRY).bool(),
                        Attributes.number(item, MAX_GRACE_PERIOD_SECONDS),
                        item.get(ALLOW_DIRECT_ACCESS).bool(),
                        // Absent on policies written before the field existed: not required.
                        item.containsKey(REQUIRE_ALLOWED_CIDRS) && item.get(REQUIRE_ALLOWED_CIDRS).bool(),
                        item.containsKey(MAX_IDLE_DAYS) ? Attributes.number(item, MAX_IDLE_DAYS).intValue() : null,
                        // Policies written before the notice existed get its default.
                        item.containsKey(EXPIRY_NOTICE_DAYS) ? Attributes.number(item, EXPIRY_NOTICE_DAYS).intValue()
                                : OrganizationPolicy.DEFAULT_EXPIRY_NOTICE_DAYS))
                .orElse(OrganizationPolicy.DEFAULT);
    }

    @Override
    public void putPolicy(String organizationId, OrganizationPolicy policy, Instant now) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(TableKeys.policy(organizationId));
        item.put(TYPE, s(TYPE_POLICY));
        item.put(ORGANIZATION_ID, s(organizationId));
        item.put(REQUIRE_EXPIRY, AttributeValue.fromBool(policy.requireExpiry()));
        item.put(ALLOW_DIRECT_ACCESS, AttributeValue.fromBool(policy.allowDirectAccess()));
        item.put(REQUIRE_ALLOWED_CIDRS, AttributeValue.fromBool(policy.requireAllowedCidrs()));
        if (policy.maxExpiryDays() != null) {
            item.put(MAX_EXPIRY_DAYS, Attributes.n(policy.maxExpiryDays()));
        }
        if (policy.maxGracePeriodSeconds() != null) {
            item.put(MAX_GRACE_PERIOD_SECONDS, Attributes.n(policy.maxGracePeriodSeconds()));
        }
        item.put(EXPIRY_NOTICE_DAYS, Attributes.n(policy.expiryNoticeDays()));
        if (policy.maxIdleDays() != null) {
            item.put(MAX_IDLE_DAYS, Attributes.n(policy.maxIdleDays()));
            // Lists this organization in the schedule's queue (the rotation index): the sweep reads the idle index for it.
            item.put(ROTATION_QUEUE, s(QUEUE_IDLE_POLICY));
            item.put(NEXT_ROTATION_AT, instant(now));
        }
        item.put(UPDATED_AT, instant(now));
        BackendErrors.run("write the organization policy", () -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    @Override
    public Workspace putWorkspace(String organizationId, String workspaceId, Instant now) {
        Map<String, AttributeValue> after = BackendErrors.call("register workspace", () -> dynamo.updateItem(r -> r.tableName(table)
                .key(TableKeys.workspace(organizationId, workspaceId))
                .updateExpression("SET #type = :type, " + ORGANIZATION_ID + " = :org, " + WORKSPACE_ID + " = :ws, " + REGISTERED_AT)
                .expressionAttributeNames(Map.of("#type", TYPE))
                .expressionAttributeValues(Map.of(":type", s(TYPE_WORKSPACE), ":org", s(organizationId), ":ws", s(workspaceId), ":now", instant(now)))
                .returnValues(ReturnValue.ALL_NEW))).attributes();
        return workspace(organizationId, after);
    }

    @Override
    public Deployment putDeployment(String organizationId, String deploymentId, String workspaceId, Instant now) {
        try {
            Map<String, AttributeValue> after = BackendErrors.call("register deployment", () -> dynamo.updateItem(r -> r.tableName(table)
                    .key(TableKeys.deployment(organizationId, deploymentId))
                    .updateExpression("SET #type = :type, " + ORGANIZATION_ID + " = :org, " + DEPLOYMENT_ID + " = :dep, "
                            + WORKSPACE_ID + " = :ws, " + REGISTERED_AT)
                    // A deployment never moves: tokens and roles were placed knowing its workspace.
                    .conditionExpression(ITEM_ABSENT + " OR " + WORKSPACE_ID + " = :ws")
                    .expressionAttributeNames(Map.of("#type", TYPE))
                    .expressionAttributeValues(Map.of(":type", s(TYPE_DEPLOYMENT), ":org", s(organizationId), ":dep", s(deploymentId),
                            ":ws", s(workspaceId), ":now", instant(now)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .returnValues(ReturnValue.ALL_NEW))).attributes();
            return deployment(organizationId, deploymentId, after);
        } catch (ConditionalCheckFailedException e) {
            throw LatchkeyException.conflict("Deployment " + deploymentId + " is already registered in another workspace");
        }
    }

    private static Workspace workspace(String organizationId, Map<String, AttributeValue> item) {
        return new Workspace(organizationId, string(item, WORKSPACE_ID), Attributes.instant(item, CREATED_AT), Attributes.instant(item, UPDATED_AT));
    }

    private static Deployment deployment(String organizationId, String deploymentId, Map<String, AttributeValue> item) {
        return new Deployment(organizationId, deploymentId, string(item, WORKSPACE_ID),
                Attributes.instant(item, CREATED_AT), Attributes.instant(item, UPDATED_AT));
    }

    private Optional<Map<String, AttributeValue>> get(String operation, Map<String, AttributeValue> key) {
        var response = BackendErrors.call(operation, () -> dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }
}
