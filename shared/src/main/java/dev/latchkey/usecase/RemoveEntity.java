package dev.latchkey.usecase;

import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Unregistering a workspace or deployment, with its cascade: every token scoped to it (and, for a workspace, to its
 * deployments) is revoked, and role entries of other tokens that point into it are removed. {@code dryRun} reports
 * the same without changing anything. Each token changes atomically; a token changed concurrently is read again.
 */
@Singleton
public class RemoveEntity {

    /** What a removal did, or would do. */
    public record Report(String entityType, String entityId, boolean dryRun, List<String> revokedTokens,
                         List<String> rolesRemovedFrom, List<String> deploymentsRemoved) {
    }

    private static final int ATTEMPTS = 3;

    private final ManagedTokens managed;
    private final EntityRegistry registry;
    private final TokenStore store;
    private final RevokeToken revoke;
    private final Auditor auditor;
    private final Clock clock;

    public RemoveEntity(ManagedTokens managed, EntityRegistry registry, TokenStore store, RevokeToken revoke, Auditor auditor, Clock clock) {
        this.managed = managed;
        this.registry = registry;
        this.store = store;
        this.revoke = revoke;
        this.auditor = auditor;
        this.clock = clock;
    }

    public Report removeWorkspace(Caller caller, String organizationId, String workspaceId, boolean dryRun) {
        managed.requireOrganization(caller, organizationId);
        Inputs.entityId("workspaceId", workspaceId);
        if (!caller.roles().isOrganizationOwner()) {
            throw auditor.denied(caller, AuditEvent.Action.DELETE_ENTITY, null, "Removing a workspace needs ORGANIZATION_OWNER");
        }
        registry.workspace(organizationId, workspaceId)
                .orElseThrow(() -> LatchkeyException.notFound("Workspace " + workspaceId + " is not registered"));
        Set<String> deployments = new java.util.TreeSet<>();
        registry.deploymentWorkspaces(organizationId).forEach((dep, ws) -> {
            if (ws.equals(workspaceId)) {
                deployments.add(dep);
            }
        });
        Report report = cascade(caller, organizationId, "WORKSPACE", workspaceId, workspaceId, deployments, dryRun);
        if (!dryRun) {
            deployments.forEach(dep -> registry.removeDeployment(organizationId, dep));
            registry.removeWorkspace(organizationId, workspaceId);
            auditor.succeeded(caller, AuditEvent.Action.DELETE_ENTITY, null, "workspace " + workspaceId);
        }
        return report;
    }

    public Report removeDeployment(Caller caller, String organizationId, String deploymentId, boolean dryRun) {
        managed.requireOrganization(caller, organizationId);
        Inputs.entityId("deploymentId", deploymentId);
        String workspaceId = managed.deploymentWorkspace(organizationId, deploymentId);
        if (!caller.roles().holdsOnWorkspace(workspaceId, Role.WORKSPACE_OWNER)) {
            throw auditor.denied(caller, AuditEvent.Action.DELETE_ENTITY, null,
                    "Removing a deployment needs WORKSPACE_OWNER on workspace " + workspaceId);
        }
        Report report = cascade(caller, organizationId, "DEPLOYMENT", deploymentId, null, Set.of(deploymentId), dryRun);
        if (!dryRun) {
            registry.removeDeployment(organizationId, deploymentId);
            auditor.succeeded(caller, AuditEvent.Action.DELETE_ENTITY, null, "deployment " + deploymentId);
        }
        return report;
    }

    private Report cascade(Caller caller, String organizationId, String type, String id, String workspaceId, Set<String> deployments,
                           boolean dryRun) {
        List<String> revoked = new ArrayList<>();
        List<String> stripped = new ArrayList<>();
        for (ApiToken token : store.list(organizationId)) {
            if (scopedInside(token, workspaceId, deployments)) {
                revoked.add(token.id());
            } else if (remaining(token, workspaceId, deployments).size() != token.grant().roles().size()) {
                stripped.add(token.id());
            }
        }
        if (!dryRun) {
            String detail = "cascade from " + type.toLowerCase() + " " + id;
            for (String tokenId : revoked) {
                retrying(organizationId, tokenId, t -> revoke.revokeLoaded(t, caller.actor(), caller.requestId(), AuditEvent.Action.DELETE_ENTITY, detail));
            }
            for (String tokenId : stripped) {
                retrying(organizationId, tokenId, t -> {
                    List<RoleAssignment> keep = remaining(t, workspaceId, deployments);
                    Instant now = clock.instant();
                    store.replaceRoles(t, t.withRoles(keep, now, caller.actor()), List.of(), now);
                    auditor.succeeded(caller, AuditEvent.Action.ROLES, t.id(), detail + ": "
                            + (t.grant().roles().size() - keep.size()) + " entries removed");
                });
            }
        }
        return new Report(type, id, dryRun, revoked, stripped, workspaceId == null ? List.of() : List.copyOf(deployments));
    }

    private void retrying(String organizationId, String tokenId, java.util.function.Consumer<ApiToken> change) {
        for (int attempt = 1; ; attempt++) {
            var token = store.find(organizationId, tokenId);
            if (token.isEmpty()) {
                return;
            }
            try {
                change.accept(token.get());
                return;
            } catch (LatchkeyException e) {
                if (e.kind() != LatchkeyException.Kind.CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static boolean scopedInside(ApiToken t, String workspaceId, Set<String> deployments) {
        return (t.grant().scope() == Scope.WORKSPACE && t.grant().entityId().equals(workspaceId))
                || (t.grant().scope() == Scope.DEPLOYMENT && deployments.contains(t.grant().entityId()));
    }

    private static List<RoleAssignment> remaining(ApiToken t, String workspaceId, Set<String> deployments) {
        return t.grant().roles().stream().filter(r -> !pointsInto(r, workspaceId, deployments)).toList();
    }

    private static boolean pointsInto(RoleAssignment r, String workspaceId, Set<String> deployments) {
        return (r.entityType() == EntityType.WORKSPACE && r.entityId().equals(workspaceId))
                || (r.entityType() == EntityType.DEPLOYMENT && deployments.contains(r.entityId()))
                || (r.entityType().isDag() && deployments.contains(r.deploymentId()));
    }

}
