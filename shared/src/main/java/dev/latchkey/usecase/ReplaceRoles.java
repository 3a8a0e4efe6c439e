package dev.latchkey.usecase;

import dev.latchkey.access.RolePlacement;
import dev.latchkey.access.TokenAccess;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.error.FieldError;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces a token's whole role set. Whoever may manage the token may change any entry they could grant; a workspace
 * manager may also change, on an organization token it cannot manage (one with a role in its workspace), the entries
 * that point into its own workspace, and nothing else. Nobody sets or touches a role above their own.
 * Concurrent updates: one wins, the others get 409 (optimistic locking on the token's version).
 */
@Singleton
public class ReplaceRoles {

    private final ManagedTokens managed;
    private final TokenStore store;
    private final Clock clock;
    private final Auditor auditor;
    private final CustomRoles customRoles;

    public ReplaceRoles(ManagedTokens managed, TokenStore store, Clock clock, Auditor auditor, CustomRoles customRoles) {
        this.customRoles = customRoles;
        this.managed = managed;
        this.store = store;
        this.clock = clock;
        this.auditor = auditor;
    }

    public ApiToken replace(Caller caller, String organizationId, String tokenId, List<RoleInput> input) {
        List<RoleAssignment> named = parse(input);
        ApiToken before = managed.load(caller, organizationId, tokenId);
        boolean manager = TokenAccess.canManage(caller.roles(), before.grant().scope(), ManagedTokens.workspaceOf(before));
        // Rights first, before anything that depends on the token: every later answer (placement 400, unregistered 404,
        // the unchanged set's 200) tells something about its roles, kind or scope.
        if (!manager && (before.grant().scope() != Scope.ORGANIZATION || !caller.roles().operatesAnyWorkspace())) {
            throw refused(caller, tokenId);
        }
        // A non-manager may change entries of an organization token it cannot read (one it has not been given a role
        // in yet), but then a refusal must not name the entry it tripped on: that would confirm the others were guessed right.
        boolean readable = manager || TokenAccess.managesAnEntryOf(caller.roles(), before.grant().roles(),
                r -> managed.workspaceOfEntry(organizationId, r));
        if (before.grant().kind() == TokenKind.DIRECT_ACCESS) {
            throw LatchkeyException.invalid("roles", "IMMUTABLE", "The roles of a DIRECT_ACCESS token are fixed at creation");
        }
        Map<RoleAssignment.Target, String> workspaces = new HashMap<>(managed.resolveWorkspaces(organizationId, named));
        RolePlacement.check(before.grant().scope(), before.grant().entityId(), ManagedTokens.workspaceOf(before), named,
                workspaces);

        Map<RoleAssignment.Target, RoleAssignment> old = byTarget(before.grant().roles());
        List<RoleAssignment> roles = resolveCustom(organizationId, named, old, workspaces);
        Map<RoleAssignment.Target, RoleAssignment> next = byTarget(roles);
        Set<RoleAssignment.Target> changed = new LinkedHashSet<>();
        for (RoleAssignment.Target t : union(old.keySet(), next.keySet())) {
            RoleAssignment was = old.get(t);
            if (was == null ? next.get(t) != null : !was.sameGrantAs(next.get(t))) {
                changed.add(t);
            }
        }
        for (RoleAssignment.Target t : changed) {
            String workspace = workspaces.containsKey(t) ? workspaces.get(t) : workspaceOfRemoved(organizationId, old.get(t));
            RoleAssignment entry = next.containsKey(t) ? next.get(t) : old.get(t);
            // Only organization tokens can be changed entry by entry by a workspace manager; workspace and deployment
            // tokens belong to whoever may manage them as a whole.
            if (!manager && !TokenAccess.managesEntityOf(caller.roles(), entry, workspace)) {
                throw readable ? auditor.denied(caller, AuditEvent.Action.ROLES, tokenId, "Your token may change only the role entries of entities it manages; "
                        + t.entityType() + " " + t.entityId() + " is not one of them") : refused(caller, tokenId);
            }
            for (RoleAssignment side : new RoleAssignment[]{old.get(t), next.get(t)}) {
                if (side != null && !TokenAccess.canGrant(caller.roles(), side, workspace)) {
                    throw readable ? auditor.denied(caller, AuditEvent.Action.ROLES, tokenId, "You cannot set or change " + side.roleName() + " on " + side.entityType()
                            + " " + side.entityId() + ": it is above the role you hold there") : refused(caller, tokenId);
                }
            }
        }
        if (changed.isEmpty()) {
            // The unchanged set comes back only to a caller that may read it anyway.
            if (!readable) {
                throw refused(caller, tokenId);
            }
            return before;
        }
        Instant now = clock.instant();
        ApiToken after = before.withRoles(roles, now, caller.actor());
        store.replaceRoles(before, after, roles.stream().map(RoleAssignment::target).toList(), now);
        auditor.succeeded(caller, AuditEvent.Action.ROLES, tokenId, changed.size() + " entries changed");
        return after;
    }

    /** The one refusal for a caller without rights on this token: the same whatever it sent. */
    private LatchkeyException refused(Caller caller, String tokenId) {
        return auditor.denied(caller, AuditEvent.Action.ROLES, tokenId, "Your token may not change the roles of token " + tokenId);
    }

    private String workspaceOfRemoved(String organizationId, RoleAssignment removed) {
        return switch (removed.entityType()) {
            case ORGANIZATION -> null;
            case WORKSPACE -> removed.entityId();
            case DEPLOYMENT, DAG, DAG_TAG -> managed.deploymentWorkspace(organizationId, removed.deployment());
        };
    }

    private static List<RoleAssignment> parse(List<RoleInput> input) {
        if (input == null) {
            throw LatchkeyException.invalid("roles", "REQUIRED", "roles is required");
        }
        if (input.isEmpty()) {
            throw LatchkeyException.invalid("roles", "REQUIRED", "roles must hold at least one entry");
        }
        if (input.size() > RolePlacement.MAX_ROLES) {
            throw LatchkeyException.invalid("roles", "TOO_MANY", "A token holds at most " + RolePlacement.MAX_ROLES + " roles");
        }
        List<FieldError> errors = new ArrayList<>();
        List<RoleAssignment> roles = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            RoleInput r = input.get(i);
            String field = "roles[" + i + "]";
            if (r == null) {
                errors.add(new FieldError(field, "REQUIRED", field + " must be an object"));
                continue;
            }
            EntityType type = null;
            try {
                type = Inputs.enumValue(field + ".entityType", EntityType.class, r.entityType());
            } catch (LatchkeyException e) {
                errors.addAll(e.fieldErrors());
            }
            Role role = Role.parse(r.role()).orElse(null);
            boolean custom = role == null && CustomRoles.mayBeCustom(r.role());
            if (r.entityType() == null) {
                errors.add(new FieldError(field + ".entityType", "REQUIRED", field + ".entityType is required"));
            }
            if (role == null && !custom) {
                errors.add(new FieldError(field + ".role", "UNKNOWN_ROLE", "Unknown role '" + r.role() + "'"));
            }
            try {
                Inputs.entityId(field + ".entityId", r.entityId());
                if (r.deploymentId() != null) {
                    Inputs.entityId(field + ".deploymentId", r.deploymentId());
                }
            } catch (LatchkeyException e) {
                errors.addAll(e.fieldErrors());
            }
            if (type != null && errors.isEmpty()) {
                roles.add(custom ? RoleAssignment.custom(type, r.entityId(), r.deploymentId(), unresolved(r.role()))
                        : new RoleAssignment(type, r.entityId(), role, r.deploymentId()));
            }
        }
        if (!errors.isEmpty()) {
            throw LatchkeyException.invalid(errors);
        }
        return roles;
    }


    /** A custom role named but not yet looked up: its entry's placement is checked before the role is read. */
    private static RoleAssignment.CustomGrant unresolved(String name) {
        return new RoleAssignment.CustomGrant(UNRESOLVED, name, List.of(), 0);
    }

    private static final String UNRESOLVED = "";

    /**
     * Each custom role named: the entry the token already holds when it names the same role on the same entity (a
     * pending fan-out brings it up to date), otherwise the role's current definition, read now. The store writes the
     * token only if each newly read role is still at the version read.
     */
    private List<RoleAssignment> resolveCustom(String organizationId, List<RoleAssignment> named,
                                               Map<RoleAssignment.Target, RoleAssignment> old,
                                               Map<RoleAssignment.Target, String> workspaces) {
        List<RoleAssignment> roles = new ArrayList<>(named.size());
        for (int i = 0; i < named.size(); i++) {
            RoleAssignment r = named.get(i);
            if (!r.isCustom() || !UNRESOLVED.equals(r.custom().id())) {
                roles.add(r);
                continue;
            }
            RoleAssignment held = old.get(r.target());
            if (held != null && held.isCustom() && held.custom().name().equals(r.custom().name())) {
                roles.add(held);
            } else {
                roles.add(r.withCustom(customRoles.resolve(organizationId, r.custom().name(), r.target(),
                        workspaces.get(r.target()), "roles[" + i + "].role")));
            }
        }
        return roles;
    }

    private static Map<RoleAssignment.Target, RoleAssignment> byTarget(List<RoleAssignment> roles) {
        Map<RoleAssignment.Target, RoleAssignment> map = new HashMap<>();
        roles.forEach(r -> map.put(r.target(), r));
        return map;
    }

    private static Set<RoleAssignment.Target> union(Set<RoleAssignment.Target> a, Set<RoleAssignment.Target> b) {
        Set<RoleAssignment.Target> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
