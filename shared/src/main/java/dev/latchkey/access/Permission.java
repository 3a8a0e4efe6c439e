package dev.latchkey.access;

import dev.latchkey.domain.CustomRole;
import dev.latchkey.domain.Role;

import java.util.Optional;

/**
 * The permission catalogue: what validate can be asked about. Each permission sits at one level of the resource
 * tree and names the least role that grants it at each kind of entity ({@code null}: that kind of role never grants it).
 * An Organization Owner is Workspace Owner everywhere, so it passes every workspace column.
 */
public enum Permission {
    ORGANIZATION_READ("organization.read", Level.ORGANIZATION, Role.ORGANIZATION_MEMBER, null, false, null, "Read the organization"),
    ORGANIZATION_BILLING_MANAGE("organization.billing.manage", Level.ORGANIZATION, Role.ORGANIZATION_BILLING_ADMIN, null, false, null, "Manage the organization's billing"),
    ORGANIZATION_TOKENS_MANAGE("organization.tokens.manage", Level.ORGANIZATION, Role.ORGANIZATION_OWNER, null, false, null, "Manage the organization's API tokens"),
    ORGANIZATION_WORKSPACES_MANAGE("organization.workspaces.manage", Level.ORGANIZATION, Role.ORGANIZATION_OWNER, null, false, null, "Create and remove workspaces"),

    WORKSPACE_READ("workspace.read", Level.WORKSPACE, null, Role.WORKSPACE_ACCESSOR, false, null, "Read the workspace"),
    WORKSPACE_DEPLOYMENTS_CREATE("workspace.deployments.create", Level.WORKSPACE, null, Role.WORKSPACE_OPERATOR, false, null, "Create deployments in the workspace"),
    WORKSPACE_TOKENS_MANAGE("workspace.tokens.manage", Level.WORKSPACE, null, Role.WORKSPACE_OPERATOR, false, null, "Manage the workspace's API tokens"),
    WORKSPACE_USERS_MANAGE("workspace.users.manage", Level.WORKSPACE, null, Role.WORKSPACE_OWNER, false, null, "Manage the workspace's users"),

    DEPLOYMENT_READ("deployment.read", Level.DEPLOYMENT, null, Role.WORKSPACE_ACCESSOR, true, null, "Read the deployment"),
    DEPLOYMENT_LOGS_READ("deployment.logs.read", Level.DEPLOYMENT, null, Role.WORKSPACE_MEMBER, true, null, "Read the deployment's logs"),
    DEPLOYMENT_DEPLOY("deployment.deploy", Level.DEPLOYMENT, null, Role.WORKSPACE_AUTHOR, true, null, "Deploy code to the deployment"),
    DEPLOYMENT_UPDATE("deployment.update", Level.DEPLOYMENT, null, Role.WORKSPACE_OPERATOR, true, null, "Update the deployment's configuration"),
    DEPLOYMENT_ENV_UPDATE("deployment.env.update", Level.DEPLOYMENT, null, Role.WORKSPACE_OPERATOR, true, null, "Update the deployment's environment variables"),
    DEPLOYMENT_TOKENS_MANAGE("deployment.tokens.manage", Level.DEPLOYMENT, null, Role.WORKSPACE_OWNER, false, null, "Manage the deployment's API tokens"),

    DAG_READ("dag.read", Level.DAG, null, Role.WORKSPACE_ACCESSOR, true, Role.DAG_VIEWER, "Read the dag and its runs"),
    DAG_TRIGGER("dag.trigger", Level.DAG, null, Role.WORKSPACE_AUTHOR, true, Role.DAG_AUTHOR, "Trigger runs of the dag"),
    DAG_EDIT("dag.edit", Level.DAG, null, Role.WORKSPACE_AUTHOR, true, Role.DAG_AUTHOR, "Edit the dag");

    /** The kind of resource a permission is asked about. */
    public enum Level { ORGANIZATION, WORKSPACE, DEPLOYMENT, DAG }

    private final String id;
    private final Level level;
    private final Role leastOrganizationRole;
    private final Role leastWorkspaceRole;
    private final boolean grantedByDeploymentAdmin;
    private final Role leastDagRole;
    private final String description;

    Permission(String id, Level level, Role leastOrganizationRole, Role leastWorkspaceRole,
               boolean grantedByDeploymentAdmin, Role leastDagRole, String description) {
        this.id = id;
        this.description = description;
        this.level = level;
        this.leastOrganizationRole = leastOrganizationRole;
        this.leastWorkspaceRole = leastWorkspaceRole;
        this.grantedByDeploymentAdmin = grantedByDeploymentAdmin;
        this.leastDagRole = leastDagRole;
    }

    public String id() {
        return id;
    }

    public Level level() {
        return level;
    }

    /** What holding it means, for the permission catalogue's listing. */
    public String description() {
        return description;
    }

    /**
     * Whether a custom role of this scope type may list it: a Deployment role deployment- and dag-level permissions
     * (it is held on a deployment, which contains its dags), a Dag role dag-level ones.
     */
    public boolean fitsCustomRole(CustomRole.ScopeType scopeType) {
        return level == Level.DAG || (level == Level.DEPLOYMENT && scopeType == CustomRole.ScopeType.DEPLOYMENT);
    }

    Role leastOrganizationRole() {
        return leastOrganizationRole;
    }

    Role leastWorkspaceRole() {
        return leastWorkspaceRole;
    }

    boolean grantedByDeploymentAdmin() {
        return grantedByDeploymentAdmin;
    }

    Role leastDagRole() {
        return leastDagRole;
    }

    public static Optional<Permission> parse(String id) {
        for (Permission p : values()) {
            if (p.id.equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
