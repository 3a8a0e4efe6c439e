package dev.latchkey.usecase;

import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Deployment;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Workspace;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.EntityRegistry;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The platform tells Latchkey which workspaces exist and which deployment sits in which workspace. Registering is
 * idempotent; a deployment never moves to another workspace (409).
 */
@Singleton
public class RegisterEntities {

    private final ManagedTokens managed;
    private final EntityRegistry registry;
    private final Clock clock;
    private final Auditor auditor;

    public RegisterEntities(ManagedTokens managed, EntityRegistry registry, Clock clock, Auditor auditor) {
        this.managed = managed;
        this.registry = registry;
        this.clock = clock;
        this.auditor = auditor;
    }

    public Workspace registerWorkspace(Caller caller, String organizationId, String workspaceId) {
        managed.requireOrganization(caller, organizationId);
        Inputs.entityId("workspaceId", workspaceId);
        if (!caller.roles().isOrganizationOwner()) {
            throw auditor.denied(caller, AuditEvent.Action.REGISTER_ENTITY, null, "Registering a workspace needs ORGANIZATION_OWNER");
        }
        Workspace workspace = registry.putWorkspace(organizationId, workspaceId, clock.instant());
        auditor.succeeded(caller, AuditEvent.Action.REGISTER_ENTITY, null, "workspace " + workspaceId);
        return workspace;
    }

    public Deployment registerDeployment(Caller caller, String organizationId, String deploymentId, String workspaceId) {
        managed.requireOrganization(caller, organizationId);
        Inputs.entityId("deploymentId", deploymentId);
        Inputs.entityId("workspaceId", workspaceId);
        if (!caller.roles().holdsOnWorkspace(workspaceId, Role.WORKSPACE_OWNER)) {
            throw auditor.denied(caller, AuditEvent.Action.REGISTER_ENTITY, null,
                    "Registering a deployment needs WORKSPACE_OWNER on workspace " + workspaceId);
        }
        registry.workspace(organizationId, workspaceId)
                .orElseThrow(() -> LatchkeyException.notFound("Workspace " + workspaceId + " is not registered"));
        Deployment deployment = registry.putDeployment(organizationId, deploymentId, workspaceId, clock.instant());
        auditor.succeeded(caller, AuditEvent.Action.REGISTER_ENTITY, null, "deployment " + deploymentId + " in " + workspaceId);
        return deployment;
    }
}
