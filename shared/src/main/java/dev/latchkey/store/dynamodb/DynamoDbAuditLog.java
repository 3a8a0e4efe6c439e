package dev.latchkey.store.dynamodb;

import dev.latchkey.domain.AuditEvent;
import dev.latchkey.store.AuditLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.store.dynamodb.Attributes.instant;
import static dev.latchkey.store.dynamodb.Attributes.putIfPresent;
import static dev.latchkey.store.dynamodb.Attributes.s;
import static dev.latchkey.store.dynamodb.Attributes.string;

/** {@link AuditLog} in {@code AUDIT#<org>} partitions; event ids sort by time, so a time range is a key range. */
public final class DynamoDbAuditLog implements AuditLog {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoDbAuditLog(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public void record(AuditEvent e) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.audit(e.organizationId(), e.id()));
        item.put("type", s("AUDIT"));
        item.put("organizationId", s(e.organizationId()));
        item.put("at", instant(e.at()));
        item.put("action", s(e.action().name()));
        item.put("outcome", s(e.outcome().name()));
        putIfPresent(item, "tokenId", e.tokenId());
        putIfPresent(item, "actorId", e.actorId());
        putIfPresent(item, "actorName", e.actorName());
        putIfPresent(item, "requestId", e.requestId());
        putIfPresent(item, "detail", e.detail());
        item.put(TableKeys.TTL, Attributes.ttl(e.at().plus(retention)));
        BackendErrors.run("record an audit event", () -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    @Override
    public Page page(String organizationId, Instant from, Instant to, String after, int limit) {
        QueryResponse response = BackendErrors.call("read the audit log", () -> dynamo.query(r -> {
            r.tableName(table)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :low AND :high")
                    .expressionAttributeValues(Map.of(
                            ":pk", s(TableKeys.auditPartition(organizationId)),
                            ":low", s(TableKeys.auditIdFloor(from)),
                            ":high", s(TableKeys.auditIdFloor(to))))
                    .consistentRead(true)
                    // One more than asked, to know whether another page follows.
                    .limit(limit + 1);
            if (after != null) {
                r.exclusiveStartKey(TableKeys.audit(organizationId, after));
            }
        }));
        List<AuditEvent> events = response.items().stream().limit(limit).map(DynamoDbAuditLog::event).toList();
        String next = response.items().size() > limit ? events.get(events.size() - 1).id() : null;
        return new Page(events, next);
    }

    private static AuditEvent event(Map<String, AttributeValue> i) {
        return new AuditEvent(string(i, "organizationId"), i.get(TableKeys.SK).s(), Attributes.instant(i, "at"),
                AuditEvent.Action.valueOf(string(i, "action")), AuditEvent.Outcome.valueOf(string(i, "outcome")),
                string(i, "tokenId"), string(i, "actorId"), string(i, "actorName"), string(i, "requestId"), string(i, "detail"));
    }
}
