package dev.latchkey.store;

import dev.latchkey.domain.Deployment;
import dev.latchkey.domain.Workspace;

import java.time.Instant;
import java.util.Optional;

/** The organizations, workspaces and deployments the platform registered, so tokens are made only for real ones. */
public interface EntityRegistry {

    boolean organizationExists(String organizationId);

    /** Registers an organization; true when it was new. */
    boolean registerOrganization(String organizationId, Instant now);

    Optional<Workspace> workspace(String organizationId, String workspaceId);

    Optional<Deployment> deployment(String organizationId, String deploymentId);

    /** Every registered workspace of an organization (one query on its partition), in id order. */
    java.util.List<Workspace> workspaces(String organizationId);

    /** Every registered deployment of an organization (one query on its partition), in id order. */
    java.util.List<Deployment> deployments(String organizationId);

    /** Every registered deployment of an organization and the workspace it sits in. */
    java.util.Map<String, String> deploymentWorkspaces(String organizationId);

    /** The organization's token policy, or the default one when it never set one. */
    dev.latchkey.domain.OrganizationPolicy policy(String organizationId);

    void putPolicy(String organizationId, dev.latchkey.domain.OrganizationPolicy policy, Instant now);

    /** Forgets a workspace or deployment (after the cascade has dealt with its tokens). */
    void removeWorkspace(String organizationId, String workspaceId);

    void removeDeployment(String organizationId, String deploymentId);

    /** Registers a workspace or touches an existing one. */
    Workspace putWorkspace(String organizationId, String workspaceId, Instant now);

    /**
     * Registers a deployment in a workspace, or touches it when it is already there.
     *
     * @throws dev.latchkey.error.LatchkeyException CONFLICT when it is registered in another workspace
     */
    Deployment putDeployment(String organizationId, String deploymentId, String workspaceId, Instant now);
}
