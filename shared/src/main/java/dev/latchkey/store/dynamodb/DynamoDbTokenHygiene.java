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

/** {@link TokenHygiene} on the hygiene and idle indexes of the token table ({@link TableKeys#HYGIENE_INDEX}). */
public final class DynamoDbTokenHygiene implements TokenHygiene {

    /** A claim holds while its queue attribute is there and no other sweep holds an unexpired claim. */
    private static final String CLAIMABLE = HYGIENE_QUEUE + " = :queue AND (attribute_not_exists(" + NOTICE_CLAIM + ") OR "
            + NOTICE_CLAIM + " < :now)";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbTokenHygiene(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<String> organizationsWithIdleLimit(int limit) {
        return query("find organizations with an idle limit", HYGIENE_INDEX, "#q = :q",
                Map.of("#q", HYGIENE_QUEUE), Map.of(":q", s(QUEUE_IDLE_POLICY)), limit).stream()
                .map(TableKeys::organizationOf).toList();
    }

    @Override
    public List<TokenRef> idleBefore(String organizationId, Instant cutoff, int limit) {
        return query("find idle tokens", IDLE_INDEX, "#org = :org AND #active < :cutoff",
                Map.of("#org", IDLE_ORGANIZATION, "#active", ACTIVE_AT),
                Map.of(":org", s(organizationId), ":cutoff", instant(cutoff)), limit).stream()
                .map(item -> new TokenRef(TableKeys.organizationOf(item), TableKeys.tokenIdOf(item))).toList();
    }

    @Override
    public List<Expiring> expiringBetween(Instant from, Instant to, int limit) {
        return query("find expiring tokens", HYGIENE_INDEX, "#q = :q AND #at BETWEEN :from AND :to",
                Map.of("#q", HYGIENE_QUEUE, "#at", HYGIENE_AT),
                Map.of(":q", s(QUEUE_EXPIRING), ":from", instant(from), ":to", instant(to)), limit).stream()
                .map(item -> new Expiring(new TokenRef(TableKeys.organizationOf(item), TableKeys.tokenIdOf(item)),
                        Attributes.instant(item, HYGIENE_AT)))
                .toList();
    }

    @Override
    public List<String> revocationNotices(int limit) {
        return query("find revocation notices", HYGIENE_INDEX, "#q = :q",
                Map.of("#q", HYGIENE_QUEUE), Map.of(":q", s(QUEUE_REVOKED)), limit).stream()
                .map(TableKeys::hashKeyOf).toList();
    }

    @Override
    public Optional<TokenNotice> claimExpiry(TokenRef token, Instant now, Instant until) {
        return claim(TableKeys.token(token.organizationId(), token.tokenId()), QUEUE_EXPIRING, now, until).map(item ->
                notice(TokenNotice.Kind.EXPIRING, item, Attributes.instant(item, CREATED_AT), Attributes.instant(item, LAST_USED_AT),
                        null, token.tokenId()));
    }

    @Override
    public Optional<TokenNotice> claimRevocation(String handle, Instant now, Instant until) {
        return claim(TableKeys.hash(handle), QUEUE_REVOKED, now, until).map(item -> notice(
                TokenStore.RevocationNotice.valueOf(string(item, NOTICE_REASON)) == TokenStore.RevocationNotice.IDLE
                        ? TokenNotice.Kind.IDLE_REVOKED : TokenNotice.Kind.LEAK_REVOKED,
                item, Attributes.instant(item, TOKEN_CREATED_AT), Attributes.instant(item, TOKEN_LAST_USED_AT),
                Attributes.instant(item, REVOKED_AT), handle));
    }

    @Override
    public void markSent(TokenNotice notice, Instant now) {
        BackendErrors.run("mark a notice sent", () -> dynamo.updateItem(r -> r.tableName(table).key(key(notice))
                .updateExpression("REMOVE " + HYGIENE_QUEUE + ", " + HYGIENE_AT + ", " + NOTICE_CLAIM + " SET " + NOTICE_SENT_AT + " = :now")
                .conditionExpression(ITEM_EXISTS)
                .expressionAttributeValues(Map.of(":now", instant(now)))));
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
                ? TableKeys.token(notice.organizationId(), notice.handle()) : TableKeys.hash(notice.handle());
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

    private static TokenNotice notice(TokenNotice.Kind kind, Map<String, AttributeValue> item, Instant createdAt, Instant lastUsedAt,
                                      Instant revokedAt, String handle) {
        String scope = string(item, SCOPE);
        return new TokenNotice(kind, string(item, ORGANIZATION_ID), string(item, kind == TokenNotice.Kind.EXPIRING ? ID : TOKEN_ID),
                string(item, NAME), scope == null ? null : Scope.valueOf(scope), string(item, ENTITY_ID),
                Attributes.instant(item, END_AT), lastUsedAt, createdAt, revokedAt, handle);
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
