package dev.latchkey.usecase;

import dev.latchkey.access.Permission;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.CustomRole;
import dev.latchkey.domain.History;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.error.FieldError;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.CustomRoleStore;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.store.TokenStore;
import dev.latchkey.token.TokenIds;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * An organization's custom Deployment and Dag roles. Organization Owners create, change and delete them; any token of
 * the organization may read them (workspace and deployment managers need the catalogue to assign roles, and it holds
 * no secret). A change of name or permissions reaches every holder before it answers (see {@link #fanOut}).
 */
@Singleton
public class CustomRoles {

    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_RESTRICTED_WORKSPACES = 100;
    /** How many holders a 409 on delete lists. */
    public static final int HOLDERS_SHOWN = 20;
    /** Holders rewritten at once: each rewrite is two round trips, so the fan-out's time is holders / this × ~2 RTT. */
    static final int FAN_OUT_PARALLELISM = 8;
    private static final int HOLDER_PAGE = 100;
    private static final int ATTEMPTS = 5;
    /** The characters the authorizer's context and log lines can carry unencoded (no ':' or ','). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0," + (MAX_NAME_LENGTH - 1) + "}");
    private static final Map<String, Comparator<CustomRole>> SORT_KEYS = Map.of(
            "name", Comparator.comparing(CustomRole::name, String.CASE_INSENSITIVE_ORDER),
            "scopeType", Comparator.comparing(CustomRole::scopeType),
            "description", Comparator.comparing((CustomRole r) -> r.description() == null ? "" : r.description(),
                    String.CASE_INSENSITIVE_ORDER),
            "createdAt", Comparator.comparing((CustomRole r) -> r.history().createdAt()),
            "updatedAt", Comparator.comparing((CustomRole r) -> r.history().updatedAt()));

    private final ManagedTokens managed;
    private final CustomRoleStore roles;
    private final TokenStore tokens;
    private final EntityRegistry registry;
    private final Auditor auditor;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CustomRoles(ManagedTokens managed, CustomRoleStore roles, TokenStore tokens, EntityRegistry registry, Auditor auditor,
                       Clock clock) {
        this.managed = managed;
        this.roles = roles;
        this.tokens = tokens;
        this.registry = registry;
        this.auditor = auditor;
        this.clock = clock;
    }

    /** Thrown by {@link #delete} without {@code force} while tokens hold the role: the 409 lists a page of them. */
    public static final class RoleInUse extends LatchkeyException {
        private final transient List<ApiToken> holders;

        RoleInUse(String message, List<ApiToken> holders) {
            super(Kind.CONFLICT, message);
            this.holders = List.copyOf(holders);
        }

        public List<ApiToken> holders() {
            return holders;
        }
    }

    public CustomRolePage list(Caller caller, String organizationId, List<String> scopeTypes, List<String> sorts,
                               Integer offset, Integer limit) {
        managed.requireOrganization(caller, organizationId);
        int from = ListParams.offset(offset);
        int size = ListParams.limit(limit);
        Set<CustomRole.ScopeType> types = new LinkedHashSet<>();
        for (int i = 0; scopeTypes != null && i < scopeTypes.size(); i++) {
            types.add(scopeType("scopeTypes", scopeTypes.get(i)));
        }
        Comparator<CustomRole> order = ListParams.order(sorts, SORT_KEYS,
                SORT_KEYS.get("createdAt").thenComparing(CustomRole::id));
        List<CustomRole> matches = new ArrayList<>(roles.list(organizationId).stream()
                .filter(r -> types.isEmpty() || types.contains(r.scopeType())).toList());
        matches.sort(order);
        List<CustomRole> page = from >= matches.size() ? List.of() : matches.subList(from, Math.min(matches.size(), from + size));
        return new CustomRolePage(List.copyOf(page), matches.size(), from, size);
    }

    public CustomRole get(Caller caller, String organizationId, String roleId) {
        managed.requireOrganization(caller, organizationId);
        return load(organizationId, roleId);
    }

    public CustomRole create(Caller caller, String organizationId, CustomRoleRequest request) {
        managed.requireOrganization(caller, organizationId);
        requireOwner(caller, AuditEvent.Action.CUSTOM_ROLE_CREATE, "Creating");
        Definition d = definition(organizationId, request, null);
        Instant now = clock.instant();
        CustomRole role = new CustomRole(TokenIds.newId(now, random), organizationId, d.name, d.description, d.scopeType, d.permissions,
                d.restrictedWorkspaceIds, History.created(now, caller.actor()), false, false);
        roles.create(role);
        auditor.succeeded(caller, AuditEvent.Action.CUSTOM_ROLE_CREATE, null, describe(role));
        return role;
    }

    /**
     * Replaces the definition. A new name or permission set is fanned out to every holder before this answers;
     * re-sending an update finishes a fan-out an earlier one left pending.
     */
    public CustomRole update(Caller caller, String organizationId, String roleId, CustomRoleRequest request) {
        managed.requireOrganization(caller, organizationId);
        requireOwner(caller, AuditEvent.Action.CUSTOM_ROLE_UPDATE, "Changing");
        CustomRole before = load(organizationId, roleId);
        Definition d = definition(organizationId, request, before.scopeType());
        CustomRole next = new CustomRole(before.id(), organizationId, d.name, d.description, before.scopeType(), d.permissions,
                d.restrictedWorkspaceIds, before.history().changed(clock.instant(), caller.actor()), false, false);
        boolean reachesHolders = before.holdersDifferFrom(next) || before.fanOutPending();
        CustomRole after = withFlags(next, reachesHolders, false);
        roles.update(before, after);
        int rewritten = reachesHolders ? finishFanOut(caller.actor(), after) : 0;
        auditor.succeeded(caller, AuditEvent.Action.CUSTOM_ROLE_UPDATE, null, describe(after)
                + (reachesHolders ? ", " + rewritten + " holders rewritten" : ""));
        return roles.find(organizationId, roleId).orElse(after);
    }

    /**
     * Deletes a role no token holds. With holders: a 409 listing some of them, or, with {@code force}, the role is
     * first stripped from every one. The role is marked deleting first, so that no assignment can land meanwhile.
     */
    public void delete(Caller caller, String organizationId, String roleId, boolean force) {
        managed.requireOrganization(caller, organizationId);
        requireOwner(caller, AuditEvent.Action.CUSTOM_ROLE_DELETE, "Deleting");
        CustomRole before = load(organizationId, roleId);
        CustomRole marked = withFlags(changed(before, caller), before.fanOutPending(), true);
        roles.update(before, marked);
        if (!force) {
            List<String> holders = roles.holders(organizationId, roleId, null, HOLDERS_SHOWN);
            if (!holders.isEmpty()) {
                roles.update(marked, withFlags(changed(marked, caller), marked.fanOutPending(), false));
                List<ApiToken> shown = holders.stream().map(id -> tokens.find(organizationId, id)).flatMap(Optional::stream).toList();
                throw new RoleInUse("Custom role " + before.name() + " is held by tokens; strip it from them first, or delete with ?force=true",
                        shown);
            }
        } else {
            int stripped = fanOut(caller.actor(), marked, true);
            auditor.succeeded(caller, AuditEvent.Action.CUSTOM_ROLE_STRIP, null, describe(before) + ", stripped from " + stripped + " tokens");
        }
        roles.delete(marked);
        auditor.succeeded(caller, AuditEvent.Action.CUSTOM_ROLE_DELETE, null, describe(before));
    }

    /**
     * The custom role a token entry names, for assignment: it must exist, not be being deleted, fit the entry's entity
     * and be allowed in its workspace. Errors name {@code field}.
     */
    RoleAssignment.CustomGrant resolve(String organizationId, String name, RoleAssignment.Target target, String workspaceId,
                                       String field) {
        CustomRole role = roles.findByName(organizationId, name).filter(r -> !r.deleting())
                .orElseThrow(() -> LatchkeyException.invalid(field, "UNKNOWN_ROLE", "Unknown role '" + name + "'"));
        if (!role.scopeType().fits(target.entityType())) {
            throw LatchkeyException.invalid(field, "INVALID_ROLE", "Custom role " + name + " is a " + role.scopeType()
                    + " role: it cannot be held on a " + target.entityType());
        }
        if (!role.allowedIn(workspaceId)) {
            throw LatchkeyException.invalid(field, "RESTRICTED_ROLE", "Custom role " + name + " is restricted to other workspaces");
        }
        return role.grant();
    }

    /** Whether a role name could name a custom role (and not a built-in one); unknown built-in spellings stay 400s. */
    static boolean mayBeCustom(String name) {
        return name != null && Role.parse(name).isEmpty() && NAME.matcher(name).matches();
    }

    private int finishFanOut(Actor by, CustomRole role) {
        int rewritten = fanOut(by, role, false);
        roles.fanOutDone(role.organizationId(), role.id(), role.version());
        return rewritten;
    }

    /**
     * Rewrites every holder's token item and live hash items with {@code role}'s current permissions (or, with
     * {@code strip}, without the role), through the token store's conditional role replacement. Holders come from the
     * holder items, a Query on one prefix (no scan). Each rewrite is conditional on the token's version and on the
     * role still being at the version copied in, so an older change never overwrites a newer one: on a conflict the
     * token and the role are read again and the newest definition is written. Returns how many tokens changed.
     */
    private int fanOut(Actor by, CustomRole role, boolean strip) {
        ExecutorService pool = Executors.newFixedThreadPool(FAN_OUT_PARALLELISM);
        try {
            int changed = 0;
            String after = null;
            while (true) {
                List<String> page = roles.holders(role.organizationId(), role.id(), after, HOLDER_PAGE);
                if (page.isEmpty()) {
                    return changed;
                }
                List<Future<Boolean>> work = page.stream().map(tokenId -> pool.submit(() -> rewrite(by, role, tokenId, strip))).toList();
                for (Future<Boolean> f : work) {
                    changed += join(f) ? 1 : 0;
                }
                after = page.get(page.size() - 1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean join(Future<Boolean> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LatchkeyException(LatchkeyException.Kind.BACKEND_UNAVAILABLE, "Interrupted while rewriting the holders of a custom role");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof LatchkeyException le) {
                throw le;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private boolean rewrite(Actor by, CustomRole role, String tokenId, boolean strip) {
        CustomRole current = role;
        for (int attempt = 1; ; attempt++) {
            Optional<ApiToken> found = tokens.find(role.organizationId(), tokenId);
            if (found.isEmpty()) {
                return false;
            }
            ApiToken token = found.get();
            List<RoleAssignment> next = new ArrayList<>();
            boolean change = false;
            for (RoleAssignment r : token.grant().roles()) {
                boolean ours = r.isCustom() && r.custom().id().equals(role.id());
                if (ours && (strip || r.custom().version() < current.version())) {
                    change = true;
                    if (!strip) {
                        next.add(r.withCustom(current.grant()));
                    }
                } else {
                    next.add(r);
                }
            }
            if (!change) {
                return false;
            }
            Instant now = clock.instant();
            try {
                tokens.replaceRoles(token, token.withRoles(next, now, by), List.of(), now);
                return true;
            } catch (LatchkeyException e) {
                if (e.kind() != LatchkeyException.Kind.CONFLICT || attempt >= ATTEMPTS) {
                    throw e;
                }
                // The token or the role moved on: carry the newest definition (a newer edit's own fan-out may also
                // reach this token; both write the newest, so the order does not matter).
                Optional<CustomRole> latest = roles.find(role.organizationId(), role.id());
                if (latest.isEmpty()) {
                    return false;
                }
                current = strip ? current : latest.get();
            }
        }
    }

    private record Definition(String name, String description, CustomRole.ScopeType scopeType, List<String> permissions,
                              List<String> restrictedWorkspaceIds) {
    }

    /**
     * Checks every field at once, so a bad request answers all its problems in one 400, and nothing is written.
     * {@code fixedType}: the stored role's scope type on update; null on create, where the request names it.
     */
    private Definition definition(String organizationId, CustomRoleRequest request, CustomRole.ScopeType fixedType) {
        List<FieldError> errors = new ArrayList<>();
        CustomRole.ScopeType type = fixedType;
        if (fixedType == null) {
            try {
                type = scopeType("scopeType", request.scopeType());
            } catch (LatchkeyException e) {
                errors.addAll(e.fieldErrors());
            }
        }
        String name = request.name() == null ? null : request.name().strip();
        if (name == null || name.isEmpty()) {
            errors.add(new FieldError("name", "REQUIRED", "name is required"));
        } else if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "INVALID", "name is 1-" + MAX_NAME_LENGTH
                    + " letters, digits, '_', '.' or '-', starting with a letter or digit"));
        } else if (Role.parse(name.toUpperCase(Locale.ROOT)).isPresent()) {
            errors.add(new FieldError("name", "RESERVED", name + " is the name of a built-in role"));
        }
        String description = null;
        try {
            description = Inputs.description(request.description());
        } catch (LatchkeyException e) {
            errors.addAll(e.fieldErrors());
        }
        List<String> permissions = new ArrayList<>();
        if (request.permissions() == null || request.permissions().isEmpty()) {
            errors.add(new FieldError("permissions", "REQUIRED", "permissions must list at least one permission"));
        } else {
            for (int i = 0; i < request.permissions().size(); i++) {
                String id = request.permissions().get(i);
                String field = "permissions[" + i + "]";
                Optional<Permission> p = Permission.parse(id);
                if (p.isEmpty()) {
                    errors.add(new FieldError(field, "UNKNOWN_PERMISSION", "Unknown permission '" + id + "'; GET /v1/authorization/permission-groups lists them"));
                } else if (type != null && !p.get().fitsCustomRole(type)) {
                    errors.add(new FieldError(field, "NOT_ALLOWED_FOR_SCOPE_TYPE", id + " cannot be part of a " + type + " role"));
                } else if (permissions.contains(id)) {
                    errors.add(new FieldError(field, "DUPLICATE", id + " is listed twice"));
                } else {
                    permissions.add(id);
                }
            }
        }
        List<String> workspaces = new ArrayList<>();
        List<String> restricted = request.restrictedWorkspaceIds() == null ? List.of() : request.restrictedWorkspaceIds();
        if (restricted.size() > MAX_RESTRICTED_WORKSPACES) {
            errors.add(new FieldError("restrictedWorkspaceIds", "TOO_MANY", "At most " + MAX_RESTRICTED_WORKSPACES + " workspaces"));
        } else {
            for (int i = 0; i < restricted.size(); i++) {
                String field = "restrictedWorkspaceIds[" + i + "]";
                try {
                    String ws = Inputs.entityId(field, restricted.get(i));
                    if (workspaces.contains(ws)) {
                        errors.add(new FieldError(field, "DUPLICATE", ws + " is listed twice"));
                    } else {
                        workspaces.add(ws);
                    }
                } catch (LatchkeyException e) {
                    errors.addAll(e.fieldErrors());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw LatchkeyException.invalid(errors);
        }
        for (int i = 0; i < workspaces.size(); i++) {
            if (registry.workspace(organizationId, workspaces.get(i)).isEmpty()) {
                throw LatchkeyException.invalid("restrictedWorkspaceIds[" + i + "]", "NOT_REGISTERED",
                        "Workspace " + workspaces.get(i) + " is not registered");
            }
        }
        return new Definition(name, description, type, permissions, workspaces);
    }

    private static CustomRole.ScopeType scopeType(String field, String value) {
        CustomRole.ScopeType type = Inputs.enumValue(field, CustomRole.ScopeType.class, value);
        if (type == null) {
            throw LatchkeyException.invalid(field, "REQUIRED", field + " is required: DEPLOYMENT or DAG");
        }
        return type;
    }

    private CustomRole load(String organizationId, String roleId) {
        if (!TokenIds.isWellFormed(roleId)) {
            throw LatchkeyException.notFound("Custom role " + roleId + " not found");
        }
        return roles.find(organizationId, roleId)
                .orElseThrow(() -> LatchkeyException.notFound("Custom role " + roleId + " not found"));
    }

    private void requireOwner(Caller caller, AuditEvent.Action action, String doing) {
        if (!caller.roles().isOrganizationOwner()) {
            throw auditor.denied(caller, action, null, doing + " custom roles needs ORGANIZATION_OWNER");
        }
    }

    private CustomRole changed(CustomRole role, Caller caller) {
        return withFlags(new CustomRole(role.id(), role.organizationId(), role.name(), role.description(), role.scopeType(),
                role.permissions(), role.restrictedWorkspaceIds(), role.history().changed(clock.instant(), caller.actor()),
                role.fanOutPending(), role.deleting()), role.fanOutPending(), role.deleting());
    }

    private static CustomRole withFlags(CustomRole r, boolean fanOutPending, boolean deleting) {
        return new CustomRole(r.id(), r.organizationId(), r.name(), r.description(), r.scopeType(), r.permissions(),
                r.restrictedWorkspaceIds(), r.history(), fanOutPending, deleting);
    }

    private static String describe(CustomRole role) {
        return role.scopeType() + " role " + role.name() + " (" + role.id() + ") v" + role.version() + ": " + String.join(" ", role.permissions());
    }
}
