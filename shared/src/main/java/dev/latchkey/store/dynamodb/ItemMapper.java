package dev.latchkey.store.dynamodb;

import dev.latchkey.domain.Actor;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.HashStatus;
import dev.latchkey.domain.History;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.RotationPolicy;
import dev.latchkey.domain.SecretCopy;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenGrant;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.Validity;
import dev.latchkey.domain.ValueHashes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.store.dynamodb.Attributes.instant;
import static dev.latchkey.store.dynamodb.Attributes.n;
import static dev.latchkey.store.dynamodb.Attributes.number;
import static dev.latchkey.store.dynamodb.Attributes.putIfPresent;
import static dev.latchkey.store.dynamodb.Attributes.s;
import static dev.latchkey.store.dynamodb.Attributes.string;

/** Token and hash items to and from domain records. Nothing here ever sees a token value. */
final class ItemMapper {

    private ItemMapper() {
    }

    static Map<String, AttributeValue> organizationItem(String organizationId, java.time.Instant createdAt) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.organization(organizationId));
        item.put("type", s("ORGANIZATION"));
        item.put("organizationId", s(organizationId));
        item.put("createdAt", instant(createdAt));
        return item;
    }

    static Map<String, AttributeValue> tokenItem(ApiToken t) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.token(t.organizationId(), t.id()));
        item.put("type", s("TOKEN"));
        item.put("id", s(t.id()));
        item.put("organizationId", s(t.organizationId()));
        item.put("name", s(t.name()));
        putIfPresent(item, "description", t.description());
        putGrant(item, t.grant(), t.lifetime().window());
        item.put("shortToken", s(t.values().shortToken()));
        if (t.lifetime().expiryPeriodInDays() != null) {
            item.put("expiryPeriodInDays", n(t.lifetime().expiryPeriodInDays()));
        }
        History h = t.history();
        item.put("createdAt", instant(h.createdAt()));
        item.put("updatedAt", instant(h.updatedAt()));
        putIfPresent(item, "lastRotatedAt", h.lastRotatedAt());
        putIfPresent(item, "lastUsedAt", h.lastUsedAt());
        item.put("createdById", s(h.createdBy().id()));
        item.put("createdByName", s(h.createdBy().apiTokenName()));
        item.put("updatedById", s(h.updatedBy().id()));
        item.put("updatedByName", s(h.updatedBy().apiTokenName()));
        item.put("version", n(h.version()));
        item.put("currentHashKey", s(t.values().currentHashKey()));
        putIfPresent(item, "previousHashKey", t.values().previousHashKey());
        putIfPresent(item, "previousValidUntil", t.values().previousValidUntil());
        if (t.secretCopy() != null) {
            item.put("secretName", s(t.secretCopy().secretName()));
            item.put("secretArn", s(t.secretCopy().secretArn()));
        }
        item.putAll(rotationAttributes(t.rotation()));
        return item;
    }

    /**
     * The rotation policy's attributes. {@code rotationQueue} is the key of the sparse rotation index: only tokens with
     * a policy carry it, so the sweep queries the due ones without scanning.
     */
    static Map<String, AttributeValue> rotationAttributes(RotationPolicy rotation) {
        if (rotation == null) {
            return Map.of();
        }
        return Map.of(
                "rotationEveryDays", n(rotation.everyDays()),
                "rotationGraceSeconds", n(rotation.gracePeriodSeconds()),
                TableKeys.NEXT_ROTATION_AT, instant(rotation.nextRotationAt()),
                TableKeys.ROTATION_QUEUE, s(TableKeys.ROTATION_QUEUE_DUE));
    }

    static final List<String> ROTATION_ATTRIBUTES =
            List.of("rotationEveryDays", "rotationGraceSeconds", TableKeys.NEXT_ROTATION_AT, TableKeys.ROTATION_QUEUE);

    static ApiToken token(Map<String, AttributeValue> item) {
        Long expiryDays = number(item, "expiryPeriodInDays");
        History history = History.created(instant(item, "createdAt"), actor(item, "createdById", "createdByName"))
                .asStored(number(item, "version"), instant(item, "updatedAt"), actor(item, "updatedById", "updatedByName"))
                .withLastRotatedAt(instant(item, "lastRotatedAt"))
                .withLastUsedAt(instant(item, "lastUsedAt"));
        return ApiToken.builder(string(item, "id"), string(item, "organizationId"))
                .name(string(item, "name"))
                .description(string(item, "description"))
                .grant(grant(item))
                .lifetime(new Lifetime(window(item), expiryDays == null ? null : expiryDays.intValue()))
                .values(ValueHashes.first(string(item, "currentHashKey"), string(item, "shortToken"))
                        .withPrevious(string(item, "previousHashKey"), instant(item, "previousValidUntil")))
                .history(history)
                .secretCopy(item.containsKey("secretArn") ? new SecretCopy(string(item, "secretName"), string(item, "secretArn")) : null)
                .rotation(rotation(item))
                .build();
    }

    private static RotationPolicy rotation(Map<String, AttributeValue> item) {
        return item.containsKey(TableKeys.NEXT_ROTATION_AT) ? new RotationPolicy(number(item, "rotationEveryDays").intValue(),
                number(item, "rotationGraceSeconds"), instant(item, TableKeys.NEXT_ROTATION_AT)) : null;
    }

    private static Actor actor(Map<String, AttributeValue> item, String idAttribute, String nameAttribute) {
        return new Actor(string(item, idAttribute), string(item, nameAttribute));
    }

    /** The grant and window attributes, which token and hash items share. */
    private static void putGrant(Map<String, AttributeValue> item, TokenGrant g, Validity window) {
        item.put("scope", s(g.scope().name()));
        item.put("kind", s(g.kind().name()));
        item.put("entityId", s(g.entityId()));
        putIfPresent(item, "workspaceId", g.workspaceId());
        item.put("roles", roles(g.roles()));
        item.put("startAt", instant(window.startAt()));
        putIfPresent(item, "endAt", window.endAt());
    }

    private static TokenGrant grant(Map<String, AttributeValue> item) {
        return new TokenGrant(Scope.valueOf(string(item, "scope")), TokenKind.valueOf(string(item, "kind")),
                string(item, "entityId"), string(item, "workspaceId"), roles(item.get("roles")));
    }

    private static Validity window(Map<String, AttributeValue> item) {
        return Validity.from(instant(item, "startAt")).until(instant(item, "endAt"));
    }

    static Map<String, AttributeValue> hashItem(TokenHash h) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.hash(h.hashKey()));
        item.put("type", s("HASH"));
        item.put("hashKey", s(h.hashKey()));
        item.put("tokenId", s(h.tokenId()));
        item.put("organizationId", s(h.organizationId()));
        item.put("name", s(h.name()));
        putGrant(item, h.grant(), h.window());
        item.put("status", s(h.status().name()));
        putIfPresent(item, "validUntil", h.validUntil());
        putIfPresent(item, "lastUsedAt", h.lastUsedAt());
        return item;
    }

    static TokenHash hash(Map<String, AttributeValue> item) {
        return TokenHash.live(string(item, "hashKey"), string(item, "tokenId"), string(item, "organizationId"),
                        string(item, "name"), grant(item), window(item))
                .withStatus(HashStatus.valueOf(string(item, "status")), instant(item, "validUntil"))
                .withLastUsedAt(instant(item, "lastUsedAt"));
    }

    static AttributeValue roles(List<RoleAssignment> roles) {
        List<AttributeValue> list = new ArrayList<>(roles.size());
        for (RoleAssignment r : roles) {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("entityType", s(r.entityType().name()));
            m.put("entityId", s(r.entityId()));
            m.put("role", s(r.role().name()));
            putIfPresent(m, "deploymentId", r.deploymentId());
            list.add(AttributeValue.fromM(m));
        }
        return AttributeValue.fromL(list);
    }

    static List<RoleAssignment> roles(AttributeValue value) {
        if (value == null || !value.hasL()) {
            return List.of();
        }
        List<RoleAssignment> roles = new ArrayList<>(value.l().size());
        for (AttributeValue v : value.l()) {
            Map<String, AttributeValue> m = v.m();
            roles.add(new RoleAssignment(EntityType.valueOf(string(m, "entityType")), string(m, "entityId"),
                    Role.valueOf(string(m, "role")), string(m, "deploymentId")));
        }
        return roles;
    }
}
