package dev.latchkey.store.dynamodb;

import dev.latchkey.domain.Actor;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.HashStatus;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.RotationPolicy;
import dev.latchkey.domain.SecretCopy;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.domain.TokenKind;
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
        item.put("scope", s(t.scope().name()));
        item.put("kind", s(t.kind().name()));
        item.put("entityId", s(t.entityId()));
        putIfPresent(item, "workspaceId", t.workspaceId());
        item.put("roles", roles(t.roles()));
        item.put("shortToken", s(t.shortToken()));
        item.put("startAt", instant(t.startAt()));
        putIfPresent(item, "endAt", t.endAt());
        if (t.expiryPeriodInDays() != null) {
            item.put("expiryPeriodInDays", n(t.expiryPeriodInDays()));
        }
        item.put("createdAt", instant(t.createdAt()));
        item.put("updatedAt", instant(t.updatedAt()));
        putIfPresent(item, "lastRotatedAt", t.lastRotatedAt());
        putIfPresent(item, "lastUsedAt", t.lastUsedAt());
        item.put("createdById", s(t.createdBy().id()));
        item.put("createdByName", s(t.createdBy().apiTokenName()));
        item.put("updatedById", s(t.updatedBy().id()));
        item.put("updatedByName", s(t.updatedBy().apiTokenName()));
        item.put("version", n(t.version()));
        item.put("currentHashKey", s(t.currentHashKey()));
        putIfPresent(item, "previousHashKey", t.previousHashKey());
        putIfPresent(item, "previousValidUntil", t.previousValidUntil());
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
        return new ApiToken(
                string(item, "id"),
                string(item, "organizationId"),
                string(item, "name"),
                string(item, "description"),
                Scope.valueOf(string(item, "scope")),
                TokenKind.valueOf(string(item, "kind")),
                string(item, "entityId"),
                string(item, "workspaceId"),
                roles(item.get("roles")),
                string(item, "shortToken"),
                instant(item, "startAt"),
                instant(item, "endAt"),
                expiryDays == null ? null : expiryDays.intValue(),
                instant(item, "createdAt"),
                instant(item, "updatedAt"),
                instant(item, "lastRotatedAt"),
                instant(item, "lastUsedAt"),
                new Actor(string(item, "createdById"), string(item, "createdByName")),
                new Actor(string(item, "updatedById"), string(item, "updatedByName")),
                number(item, "version"),
                string(item, "currentHashKey"),
                string(item, "previousHashKey"),
                instant(item, "previousValidUntil"),
                item.containsKey("secretArn") ? new SecretCopy(string(item, "secretName"), string(item, "secretArn")) : null,
                item.containsKey(TableKeys.NEXT_ROTATION_AT) ? new RotationPolicy(number(item, "rotationEveryDays").intValue(),
                        number(item, "rotationGraceSeconds"), instant(item, TableKeys.NEXT_ROTATION_AT)) : null);
    }

    static Map<String, AttributeValue> hashItem(TokenHash h) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.hash(h.hashKey()));
        item.put("type", s("HASH"));
        item.put("hashKey", s(h.hashKey()));
        item.put("tokenId", s(h.tokenId()));
        item.put("organizationId", s(h.organizationId()));
        item.put("name", s(h.name()));
        item.put("scope", s(h.scope().name()));
        item.put("kind", s(h.kind().name()));
        item.put("entityId", s(h.entityId()));
        putIfPresent(item, "workspaceId", h.workspaceId());
        item.put("roles", roles(h.roles()));
        item.put("startAt", instant(h.startAt()));
        putIfPresent(item, "endAt", h.endAt());
        item.put("status", s(h.status().name()));
        putIfPresent(item, "validUntil", h.validUntil());
        putIfPresent(item, "lastUsedAt", h.lastUsedAt());
        return item;
    }

    static TokenHash hash(Map<String, AttributeValue> item) {
        return new TokenHash(
                string(item, "hashKey"),
                string(item, "tokenId"),
                string(item, "organizationId"),
                string(item, "name"),
                Scope.valueOf(string(item, "scope")),
                TokenKind.valueOf(string(item, "kind")),
                string(item, "entityId"),
                string(item, "workspaceId"),
                roles(item.get("roles")),
                instant(item, "startAt"),
                instant(item, "endAt"),
                HashStatus.valueOf(string(item, "status")),
                instant(item, "validUntil"),
                instant(item, "lastUsedAt"));
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
