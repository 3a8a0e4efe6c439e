package dev.latchkey.store.dynamodb;

import dev.latchkey.domain.Scope;
import dev.latchkey.store.TokenHygiene;
import dev.latchkey.store.TokenNotice;
import dev.latchkey.store.TokenStore;
import dev.latchkey.store.TokenStore.TokenRef;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.store.dynamodb.Attributes.instant;
import static dev.latchkey.store.dynamodb.Attributes.s;
import static dev.latchkey.store.dynamodb.Attributes.string;
import static dev.latchkey.store.dynamodb.TableKeys.*;

/**
 * {@link TokenHygiene} on two sparse indexes of the token table: the rotation index, the schedule's queue, for the
 * organizations with an idle limit, the pending expiry notices and the revocation notices ({@link TableKeys#QUEUE_EXPIRING}
 * and the others), and the idle index ({@link TableKeys#IDLE_INDEX}).
 */
public final class DynamoDbTokenHygiene implements TokenHygiene {

    /** A claim holds while its queue attribute is there and no other sweep holds an unexpired claim. */
    private static final String CLAIMABLE = ROTATION_QUEUE + " = :queue AND (attribute_not_exists(" + NOTICE_CLAIM + ") OR "
            + NOTICE_CLAIM + " < :now)";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbTokenHygiene(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<String> organizationsWithIdleLimit(int limit) {
        return queue("find organizations with an idle limit", QUEUE_IDLE_POLICY, limit).stream()
                .map(TableKeys::organizationOf).toList();
    }

    @Override
    public List<TokenRef> idleBefore(String organizationId, Instant cutoff, int limit) {
        return query("find idle tokens", IDLE_INDEX, "#org = :org AND #used < :cutoff",
                Map.of("#org", IDLE_ORGANIZATION, "#used", LAST_USED_AT),
                Map.of(":org", s(organizationId), ":cutoff", instant(cutoff)), limit).stream()
                .map(item -> new TokenRef(TableKeys.organizationOf(item), TableKeys.markedTokenIdOf(item))).distinct().toList();
    }

    @Override
    public List<Expiring> expiringBetween(Instant from, Instant to, int limit) {
        return query("find expiring tokens", ROTATION_INDEX, "#q = :q AND #at BETWEEN :from AND :to",
                Map.of("#q", ROTATION_QUEUE, "#at", NEXT_ROTATION_AT),
                Map.of(":q", s(QUEUE_EXPIRING), ":from", instant(from), ":to", instant(to)), limit).stream()
                .map(item -> new Expiring(new TokenRef(TableKeys.organizationOf(item), TableKeys.markedTokenIdOf(item)),
                        Attributes.instant(item, NEXT_ROTATION_AT)))
                .toList();
    }

    @Override
    public List<String> revocationNotices(int limit) {
        return queue("find revocation notices", QUEUE_REVOKED, limit).stream()
                .map(TableKeys::hashKeyOf).toList();
    }

    @Override
    public Optional<TokenNotice> claimExpiry(TokenRef token, Instant now, Instant until) {
        Map<String, AttributeValue> marker = TableKeys.expiryNotice(token.organizationId(), token.tokenId());
        if (claim(marker, QUEUE_EXPIRING, now, until).isEmpty()) {
            return Optional.empty();
        }
        Optional<Map<String, AttributeValue>> item = get("read an expiring token", TableKeys.token(token.organizationId(), token.tokenId()));
        if (item.isEmpty()) {
            delete("drop the notice of a deleted token", marker);   // revoked between the query and the claim
            return Optional.empty();
        }
        Map<String, AttributeValue> t = item.get();
        return Optional.of(notice(TokenNotice.Kind.EXPIRING, t, string(t, ID), Attributes.instant(t, CREATED_AT),
                Attributes.instant(t, LAST_USED_AT), null, token.tokenId()));
    }

    @Override
    public void forgetUnused(TokenRef token) {
        delete("drop a used token's unused marker", TableKeys.unused(token.organizationId(), token.tokenId()));
    }

    @Override
    public Optional<TokenNotice> claimRevocation(String handle, Instant now, Instant until) {
        return claim(TableKeys.hash(handle), QUEUE_REVOKED, now, until).map(item -> notice(
                TokenStore.RevocationNotice.IDLE.name().equals(string(item, NOTICE_REASON))
                        ? TokenNotice.Kind.IDLE_REVOKED : TokenNotice.Kind.LEAK_REVOKED,
                item, string(item, TOKEN_ID), Attributes.instant(item, TOKEN_CREATED_AT), Attributes.instant(item, TOKEN_LAST_USED_AT),
                Attributes.instant(item, REVOKED_AT), handle));
    }

    @Override
    public void markSent(TokenNotice notice, Instant now) {
        if (notice.kind() == TokenNotice.Kind.EXPIRING) {
            delete("mark a notice sent", TableKeys.expiryNotice(notice.organizationId(), notice.handle()));
            return;
        }
        // The tombstone stays (validate answers REVOKED from it) and leaves the queue.
        try {
            BackendErrors.run("mark a notice sent", () -> dynamo.updateItem(r -> r.tableName(table).key(TableKeys.hash(notice.handle()))
                    .updateExpression("REMOVE " + ROTATION_QUEUE + ", " + NEXT_ROTATION_AT + ", " + NOTICE_CLAIM + " SET " + NOTICE_SENT_AT + " = :now")
                    .conditionExpression(ITEM_EXISTS)
                    .expressionAttributeValues(Map.of(":now", instant(now)))));
        } catch (ConditionalCheckFailedException gone) {
            // The tombstone expired meanwhile: nothing is queued any more.
        }
    }

    @Override
    public void release(TokenNotice notice) {
        try {
            BackendErrors.run("release a notice", () -> dynamo.updateItem(r -> r.tableName(table).key(key(notice))
                    .updateExpression("REMOVE " + NOTICE_CLAIM)
                    .conditionExpression(ITEM_EXISTS)));
        } catch (ConditionalCheckFailedException gone) {
            // The item went (token deleted, tombstone expired): nothing is left to send.
        }
    }

    private static Map<String, AttributeValue> key(TokenNotice notice) {
        return notice.kind() == TokenNotice.Kind.EXPIRING
                ? TableKeys.expiryNotice(notice.organizationId(), notice.handle()) : TableKeys.hash(notice.handle());
    }

    private Optional<Map<String, AttributeValue>> claim(Map<String, AttributeValue> key, String queue, Instant now, Instant until) {
        try {
            return Optional.of(BackendErrors.call("claim a notice", () -> dynamo.updateItem(r -> r.tableName(table).key(key)
                    .updateExpression("SET " + NOTICE_CLAIM + " = :until")
                    .conditionExpression(CLAIMABLE)
                    .expressionAttributeValues(Map.of(":queue", s(queue), ":now", instant(now), ":until", instant(until)))
                    .returnValues(ReturnValue.ALL_NEW))).attributes());
        } catch (ConditionalCheckFailedException taken) {
            return Optional.empty();
        }
    }

    private static TokenNotice notice(TokenNotice.Kind kind, Map<String, AttributeValue> item, String tokenId, Instant createdAt,
                                      Instant lastUsedAt, Instant revokedAt, String handle) {
        String scope = string(item, SCOPE);
        return new TokenNotice(kind, string(item, ORGANIZATION_ID), tokenId,
                string(item, NAME), scope == null ? null : Scope.valueOf(scope), string(item, ENTITY_ID),
                Attributes.instant(item, END_AT), lastUsedAt, createdAt, revokedAt, handle);
    }

    private Optional<Map<String, AttributeValue>> get(String operation, Map<String, AttributeValue> key) {
        var response = BackendErrors.call(operation, () -> dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private void delete(String operation, Map<String, AttributeValue> key) {
        BackendErrors.run(operation, () -> dynamo.deleteItem(r -> r.tableName(table).key(key)));
    }

    /** Everything in one of the schedule's queues. */
    private List<Map<String, AttributeValue>> queue(String operation, String queue, int limit) {
        return query(operation, ROTATION_INDEX, "#q = :q", Map.of("#q", ROTATION_QUEUE), Map.of(":q", s(queue)), limit);
    }

    private List<Map<String, AttributeValue>> query(String operation, String index, String keyCondition, Map<String, String> names,
                                                    Map<String, AttributeValue> values, int limit) {
        QueryRequest request = QueryRequest.builder()
                .tableName(table)
                .indexName(index)
                .keyConditionExpression(keyCondition)
                .expressionAttributeNames(new HashMap<>(names))
                .expressionAttributeValues(new HashMap<>(values))
                .limit(Math.min(limit, 1000))
                .build();
        return BackendErrors.call(operation, () -> dynamo.queryPaginator(request).items().stream().limit(limit).toList());
    }
}
