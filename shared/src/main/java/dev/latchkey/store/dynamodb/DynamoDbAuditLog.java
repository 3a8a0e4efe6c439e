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
import static dev.latchkey.store.dynamodb.TableKeys.*;

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
        item.put(TYPE, s(TYPE_AUDIT));
        item.put(ORGANIZATION_ID, s(e.organizationId()));
        item.put(AT, instant(e.at()));
        item.put(ACTION, s(e.action().name()));
        item.put(OUTCOME, s(e.outcome().name()));
        putIfPresent(item, TOKEN_ID, e.tokenId());
        putIfPresent(item, ACTOR_ID, e.actorId());
        putIfPresent(item, ACTOR_NAME, e.actorName());
        putIfPresent(item, REQUEST_ID, e.requestId());
        putIfPresent(item, DETAIL, e.detail());
        item.put(TTL, Attributes.ttl(e.at().plus(retention)));
        BackendErrors.run("record an audit event", () -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    @Override
    public Page page(String organizationId, Instant from, Instant to, String after, int limit) {
        QueryResponse response = BackendErrors.call("read the audit log", () -> dynamo.query(r -> {
            r.tableName(table)
                    .keyConditionExpression(PK + " = :pk AND " + SK + " BETWEEN :low AND :high")
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
        return new AuditEvent(string(i, ORGANIZATION_ID), i.get(SK).s(), Attributes.instant(i, AT),
                AuditEvent.Action.valueOf(string(i, ACTION)), AuditEvent.Outcome.valueOf(string(i, OUTCOME)),
                string(i, TOKEN_ID), string(i, ACTOR_ID), string(i, ACTOR_NAME), string(i, REQUEST_ID), string(i, DETAIL));
    }
}
