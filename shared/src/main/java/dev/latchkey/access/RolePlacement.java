package dev.latchkey.access;

import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;
import dev.latchkey.error.FieldError;
import dev.latchkey.error.LatchkeyException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which role sets a token of a given scope may hold (docs/design.md §2, placement): organization tokens anything in their
 * organization; workspace tokens workspace, deployment and dag roles inside their workspace; deployment tokens
 * deployment and dag roles on their deployment. Exactly one entry sits on the token's own entity with the token's
 * scope as entity type. Workspaces of deployments come resolved from the registry.
 */
public final class RolePlacement {

    public static final int MAX_ROLES = 50;

    private RolePlacement() {
    }

    /**
     * @param workspaceOf the workspace each entry lives in (null for organization entries)
     * @throws LatchkeyException INVALID_INPUT with one field error per misplaced entry
     */
    public static void check(Scope scope, String entityId, String tokenWorkspaceId, List<RoleAssignment> roles,
                             Map<RoleAssignment.Target, String> workspaceOf) {
        List<FieldError> errors = new ArrayList<>();
        if (roles.isEmpty()) {
            throw LatchkeyException.invalid("roles", "REQUIRED", "A token needs at least one role");
        }
        if (roles.size() > MAX_ROLES) {
            throw LatchkeyException.invalid("roles", "TOO_MANY", "A token holds at most " + MAX_ROLES + " roles");
        }
        Set<RoleAssignment.Target> seen = new HashSet<>();
        int ownEntries = 0;
        for (int i = 0; i < roles.size(); i++) {
            RoleAssignment r = roles.get(i);
            String field = "roles[" + i + "]";
            // A custom role's fit (its scopeType) is checked where its name is resolved.
            if (!r.isCustom() && !r.role().fits(r.entityType())) {
                errors.add(new FieldError(field + ".role", "INVALID_ROLE", "Role " + r.role() + " cannot be held on a " + r.entityType()));
                continue;
            }
            if (r.entityType().isDag() != (r.deploymentId() != null)) {
                errors.add(new FieldError(field + ".deploymentId", r.entityType().isDag() ? "REQUIRED" : "NOT_ALLOWED",
                        r.entityType().isDag() ? "Dag roles need a deploymentId" : "Only dag roles take a deploymentId"));
                continue;
            }
            if (!seen.add(r.target())) {
                errors.add(new FieldError(field, "DUPLICATE", "Two roles on the same " + r.entityType() + " " + r.entityId()));
                continue;
            }
            boolean own = r.entityType() == scope.entityType() && r.entityId().equals(entityId);
            if (own) {
                ownEntries++;
            }
            String problem = misplacement(scope, entityId, tokenWorkspaceId, r, own, workspaceOf.get(r.target()));
            if (problem != null) {
                errors.add(new FieldError(field, "NOT_ALLOWED_FOR_SCOPE", problem));
            }
        }
        if (errors.isEmpty() && ownEntries != 1) {
            errors.add(new FieldError("roles", "SCOPE_ROLE_REQUIRED",
                    "A " + scope + " token needs exactly one " + scope.entityType() + " role on " + entityId));
        }
        if (!errors.isEmpty()) {
            throw LatchkeyException.invalid(errors);
        }
    }

    private static String misplacement(Scope scope, String entityId, String tokenWorkspaceId, RoleAssignment r, boolean own,
                                       String entryWorkspace) {
        switch (scope) {
            case ORGANIZATION:
                if (r.entityType() == EntityType.ORGANIZATION && !own) {
                    return "An organization token holds organization roles only on its own organization";
                }
                return null;
            case WORKSPACE:
                if (r.entityType() == EntityType.ORGANIZATION) {
                    return "A workspace token cannot hold organization roles";
                }
                if (r.entityType() == EntityType.WORKSPACE && !own) {
                    return "A workspace token holds workspace roles only on its own workspace";
                }
                if (!tokenWorkspaceId.equals(entryWorkspace)) {
                    return "A workspace token holds roles only inside workspace " + tokenWorkspaceId;
                }
                return null;
            case DEPLOYMENT:
                if (r.entityType() == EntityType.ORGANIZATION || r.entityType() == EntityType.WORKSPACE) {
                    return "A deployment token holds only deployment and dag roles";
                }
                if (r.entityType() == EntityType.DEPLOYMENT && !own) {
                    return "A deployment token holds a deployment role only on its own deployment";
                }
                if (r.entityType().isDag() && !entityId.equals(r.deploymentId())) {
                    return "A deployment token holds dag roles only on deployment " + entityId;
                }
                return null;
            default:
                throw new IllegalStateException("unknown scope " + scope);
        }
    }
}
