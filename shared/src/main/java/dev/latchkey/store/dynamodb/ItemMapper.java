package dev.latchkey.store.dynamodb;

import dev.latchkey.access.CidrSet;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.CustomRole;
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
import static dev.latchkey.store.dynamodb.TableKeys.*;

/** Token and hash items to and from domain records. Nothing here ever sees a token value. */
final class ItemMapper {

    private ItemMapper() {
    }

    static Map<String, AttributeValue> organizationItem(String organizationId, java.time.Instant createdAt) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.organization(organizationId));
        item.put(TYPE, s(TYPE_ORGANIZATION));
        item.put(ORGANIZATION_ID, s(organizationId));
        item.put(CREATED_AT, instant(createdAt));
        return item;
    }

    static Map<String, AttributeValue> tokenItem(ApiToken t) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.token(t.organizationId(), t.id()));
        item.put(TYPE, s(TYPE_TOKEN));
        item.put(ID, s(t.id()));
        item.put(ORGANIZATION_ID, s(t.organizationId()));
        item.put(NAME, s(t.name()));
        putIfPresent(item, DESCRIPTION, t.description());
        putGrant(item, t.grant(), t.lifetime().window());
        item.put(SHORT_TOKEN, s(t.values().shortToken()));
        if (t.lifetime().expiryPeriodInDays() != null) {
            item.put(EXPIRY_PERIOD_IN_DAYS, n(t.lifetime().expiryPeriodInDays()));
        }
        History h = t.history();
        putChanges(item, h);
        putIfPresent(item, LAST_ROTATED_AT, h.lastRotatedAt());
        putIfPresent(item, LAST_USED_AT, h.lastUsedAt());
        item.put(CURRENT_HASH_KEY, s(t.values().currentHashKey()));
        putIfPresent(item, PREVIOUS_HASH_KEY, t.values().previousHashKey());
        putIfPresent(item, PREVIOUS_VALID_UNTIL, t.values().previousValidUntil());
        if (t.secretCopy() != null) {
            item.put(SECRET_NAME, s(t.secretCopy().secretName()));
            item.put(SECRET_ARN, s(t.secretCopy().secretArn()));
        }
        item.putAll(rotationAttributes(t.rotation()));
        // In the idle index from its first recorded use (TableKeys.IDLE_INDEX); until then its unused marker stands in.
        item.put(IDLE_ORGANIZATION, s(t.organizationId()));
        return item;
    }

    /** Who made and last changed the item, when, and its version: token and custom role items share them. */
    private static void putChanges(Map<String, AttributeValue> item, History h) {
        item.put(CREATED_AT, instant(h.createdAt()));
        item.put(UPDATED_AT, instant(h.updatedAt()));
        item.put(CREATED_BY_ID, s(h.createdBy().id()));
        item.put(CREATED_BY_NAME, s(h.createdBy().apiTokenName()));
        item.put(UPDATED_BY_ID, s(h.updatedBy().id()));
        item.put(UPDATED_BY_NAME, s(h.updatedBy().apiTokenName()));
        item.put(VERSION, n(h.version()));
    }

    /**
     * The hygiene markers a new token gets with it: its entry in the idle index until its first use, and, when it
     * expires, its pending expiry notice in the schedule's queue.
     */
    static List<Map<String, AttributeValue>> hygieneMarkers(ApiToken t) {
        List<Map<String, AttributeValue>> markers = new ArrayList<>();
        if (t.history().lastUsedAt() == null) {
            Map<String, AttributeValue> unused = new HashMap<>(TableKeys.unused(t.organizationId(), t.id()));
            unused.put(TYPE, s(TYPE_UNUSED));
            unused.put(IDLE_ORGANIZATION, s(t.organizationId()));
            unused.put(LAST_USED_AT, instant(t.history().createdAt()));
            markers.add(unused);
        }
        if (t.lifetime().window().endAt() != null) {
            Map<String, AttributeValue> notice = new HashMap<>(TableKeys.expiryNotice(t.organizationId(), t.id()));
            notice.put(TYPE, s(TYPE_EXPIRY_NOTICE));
            notice.put(ROTATION_QUEUE, s(QUEUE_EXPIRING));
            notice.put(NEXT_ROTATION_AT, instant(t.lifetime().window().endAt()));
            markers.add(notice);
        }
        return markers;
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
                ROTATION_EVERY_DAYS, n(rotation.everyDays()),
                ROTATION_GRACE_SECONDS, n(rotation.gracePeriodSeconds()),
                NEXT_ROTATION_AT, instant(rotation.nextRotationAt()),
                ROTATION_QUEUE, s(ROTATION_QUEUE_DUE));
    }

    static final List<String> ROTATION_ATTRIBUTES =
            List.of(ROTATION_EVERY_DAYS, ROTATION_GRACE_SECONDS, NEXT_ROTATION_AT, ROTATION_QUEUE);

    static ApiToken token(Map<String, AttributeValue> item) {
        Long expiryDays = number(item, EXPIRY_PERIOD_IN_DAYS);
        History history = changes(item)
                .withLastRotatedAt(instant(item, LAST_ROTATED_AT))
                .withLastUsedAt(instant(item, LAST_USED_AT));
        return ApiToken.builder(string(item, ID), string(item, ORGANIZATION_ID))
                .name(string(item, NAME))
                .description(string(item, DESCRIPTION))
                .grant(grant(item))
                .lifetime(new Lifetime(window(item), expiryDays == null ? null : expiryDays.intValue()))
                .values(ValueHashes.first(string(item, CURRENT_HASH_KEY), string(item, SHORT_TOKEN))
                        .withPrevious(string(item, PREVIOUS_HASH_KEY), instant(item, PREVIOUS_VALID_UNTIL)))
                .history(history)
                .secretCopy(item.containsKey(SECRET_ARN) ? new SecretCopy(string(item, SECRET_NAME), string(item, SECRET_ARN)) : null)
                .rotation(rotation(item))
                .build();
    }

    private static RotationPolicy rotation(Map<String, AttributeValue> item) {
        return item.containsKey(NEXT_ROTATION_AT) ? new RotationPolicy(number(item, ROTATION_EVERY_DAYS).intValue(),
                number(item, ROTATION_GRACE_SECONDS), instant(item, NEXT_ROTATION_AT)) : null;
    }

    private static History changes(Map<String, AttributeValue> item) {
        return History.created(instant(item, CREATED_AT), actor(item, CREATED_BY_ID, CREATED_BY_NAME))
                .asStored(number(item, VERSION), instant(item, UPDATED_AT), actor(item, UPDATED_BY_ID, UPDATED_BY_NAME));
    }

    private static Actor actor(Map<String, AttributeValue> item, String idAttribute, String nameAttribute) {
        return new Actor(string(item, idAttribute), string(item, nameAttribute));
    }

    /** The grant and window attributes, which token and hash items share. */
    private static void putGrant(Map<String, AttributeValue> item, TokenGrant g, Validity window) {
        item.put(SCOPE, s(g.scope().name()));
        item.put(KIND, s(g.kind().name()));
        item.put(ENTITY_ID, s(g.entityId()));
        putIfPresent(item, WORKSPACE_ID, g.workspaceId());
        item.put(ROLES, roles(g.roles()));
        if (g.allowedCidrs().bound()) {
            item.put(ALLOWED_CIDRS, allowedCidrs(g.allowedCidrs()));
        }
        item.put(START_AT, instant(window.startAt()));
        putIfPresent(item, END_AT, window.endAt());
    }

    private static TokenGrant grant(Map<String, AttributeValue> item) {
        return new TokenGrant(Scope.valueOf(string(item, SCOPE)), TokenKind.valueOf(string(item, KIND)),
                string(item, ENTITY_ID), string(item, WORKSPACE_ID), roles(item.get(ROLES)), allowedCidrs(item.get(ALLOWED_CIDRS)));
    }

    static AttributeValue allowedCidrs(CidrSet cidrs) {
        return AttributeValue.fromL(cidrs.cidrs().stream().map(AttributeValue::fromS).toList());
    }

    private static CidrSet allowedCidrs(AttributeValue value) {
        return value == null || !value.hasL() ? CidrSet.UNBOUND : CidrSet.stored(value.l().stream().map(AttributeValue::s).toList());
    }

    private static Validity window(Map<String, AttributeValue> item) {
        return Validity.from(instant(item, START_AT)).until(instant(item, END_AT));
    }

    static Map<String, AttributeValue> hashItem(TokenHash h) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.hash(h.hashKey()));
        item.put(TYPE, s(TYPE_HASH));
        item.put(HASH_KEY, s(h.hashKey()));
        item.put(TOKEN_ID, s(h.tokenId()));
        item.put(ORGANIZATION_ID, s(h.organizationId()));
        item.put(NAME, s(h.name()));
        putGrant(item, h.grant(), h.window());
        item.put(STATUS, s(h.status().name()));
        putIfPresent(item, VALID_UNTIL, h.validUntil());
        putIfPresent(item, LAST_USED_AT, h.lastUsedAt());
        putIfPresent(item, IP_DENIED_AT, h.ipDeniedAt());
        return item;
    }

    static TokenHash hash(Map<String, AttributeValue> item) {
        return TokenHash.live(string(item, HASH_KEY), string(item, TOKEN_ID), string(item, ORGANIZATION_ID),
                        string(item, NAME), grant(item), window(item))
                .withStatus(HashStatus.valueOf(string(item, STATUS)), instant(item, VALID_UNTIL))
                .withLastUsedAt(instant(item, LAST_USED_AT))
                .withIpDeniedAt(instant(item, IP_DENIED_AT));
    }

    static AttributeValue roles(List<RoleAssignment> roles) {
        List<AttributeValue> list = new ArrayList<>(roles.size());
        for (RoleAssignment r : roles) {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put(ENTITY_TYPE, s(r.entityType().name()));
            m.put(ENTITY_ID, s(r.entityId()));
            m.put(ROLE, s(r.roleName()));
            putIfPresent(m, DEPLOYMENT_ID, r.deploymentId());
            if (r.isCustom()) {
                // The permissions travel with the entry: validate answers from the hash item alone.
                m.put(CUSTOM_ROLE_ID, s(r.custom().id()));
                m.put(PERMISSIONS, strings(r.custom().permissions()));
                m.put(ROLE_VERSION, n(r.custom().version()));
            }
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
            EntityType type = EntityType.valueOf(string(m, ENTITY_TYPE));
            roles.add(m.containsKey(CUSTOM_ROLE_ID)
                    ? RoleAssignment.custom(type, string(m, ENTITY_ID), string(m, DEPLOYMENT_ID), new RoleAssignment.CustomGrant(
                            string(m, CUSTOM_ROLE_ID), string(m, ROLE), strings(m.get(PERMISSIONS)), number(m, ROLE_VERSION)))
                    : new RoleAssignment(type, string(m, ENTITY_ID), Role.valueOf(string(m, ROLE)), string(m, DEPLOYMENT_ID)));
        }
        return roles;
    }

    static Map<String, AttributeValue> customRoleItem(CustomRole r) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.customRole(r.organizationId(), r.id()));
        item.put(TYPE, s(TYPE_CUSTOM_ROLE));
        item.put(ID, s(r.id()));
        item.put(ORGANIZATION_ID, s(r.organizationId()));
        item.put(NAME, s(r.name()));
        putIfPresent(item, DESCRIPTION, r.description());
        item.put(SCOPE_TYPE, s(r.scopeType().name()));
        item.put(PERMISSIONS, strings(r.permissions()));
        item.put(RESTRICTED_WORKSPACE_IDS, strings(r.restrictedWorkspaceIds()));
        putChanges(item, r.history());
        item.put(FAN_OUT_PENDING, AttributeValue.fromBool(r.fanOutPending()));
        item.put(DELETING, AttributeValue.fromBool(r.deleting()));
        return item;
    }

    static CustomRole customRole(Map<String, AttributeValue> item) {
        History history = changes(item);
        return new CustomRole(string(item, ID), string(item, ORGANIZATION_ID), string(item, NAME), string(item, DESCRIPTION),
                CustomRole.ScopeType.valueOf(string(item, SCOPE_TYPE)), strings(item.get(PERMISSIONS)),
                strings(item.get(RESTRICTED_WORKSPACE_IDS)), history,
                item.get(FAN_OUT_PENDING).bool(), item.get(DELETING).bool());
    }

    private static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(Attributes::s).toList());
    }

    private static List<String> strings(AttributeValue value) {
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }
}
