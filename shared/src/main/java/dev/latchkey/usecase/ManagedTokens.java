package dev.latchkey.usecase;

import dev.latchkey.access.TokenAccess;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The checks every management use case starts with: right organization, token exists, caller may act on it. */
@Singleton
class ManagedTokens {

    private final TokenStore store;
    private final EntityRegistry registry;
    private final Auditor auditor;

    public ManagedTokens(TokenStore store, EntityRegistry registry, Auditor auditor) {
        this.store = store;
        this.registry = registry;
        this.auditor = auditor;
    }

    /** A caller from another organization learns nothing about this one: 404, as if it did not exist. */
    public void requireOrganization(Caller caller, String organizationId) {
        Inputs.entityId("organizationId", organizationId);
        if (!caller.organizationId().equals(organizationId)) {
            throw LatchkeyException.notFound("Organization " + organizationId + " not found");
        }
    }

    public ApiToken load(Caller caller, String organizationId, String tokenId) {
        requireOrganization(caller, organizationId);
        Inputs.tokenId(tokenId);
        return store.find(organizationId, tokenId)
                .orElseThrow(() -> LatchkeyException.notFound("Token " + tokenId + " not found"));
    }

    public ApiToken loadManageable(Caller caller, String organizationId, String tokenId, AuditEvent.Action action) {
        ApiToken token = load(caller, organizationId, tokenId);
        requireManage(caller, token, action);
        return token;
    }

    /** A refusal is audited: it is the management attempt an organization most wants to see. */
    public void requireManage(Caller caller, ApiToken token, AuditEvent.Action action) {
        if (!TokenAccess.canManage(caller.roles(), token.grant().scope(), workspaceOf(token))) {
            throw auditor.denied(caller, action, token.id(), "Managing " + token.grant().scope() + " tokens here needs "
                    + switch (token.grant().scope()) {
                        case ORGANIZATION -> "ORGANIZATION_OWNER";
                        case WORKSPACE -> "WORKSPACE_OPERATOR or above on workspace " + token.grant().entityId();
                        case DEPLOYMENT -> "WORKSPACE_OWNER on workspace " + token.grant().workspaceId();
                    });
        }
    }

    /** The workspace a token belongs to: null for organization tokens. */
    public static String workspaceOf(ApiToken token) {
        return switch (token.grant().scope()) {
            case ORGANIZATION -> null;
            case WORKSPACE -> token.grant().entityId();
            case DEPLOYMENT -> token.grant().workspaceId();
        };
    }

    /**
     * The workspace of every entry's entity, from the registry. Unregistered workspaces and deployments are 404:
     * tokens and roles are only ever placed on entities the platform registered.
     */
    public Map<RoleAssignment.Target, String> resolveWorkspaces(String organizationId, List<RoleAssignment> roles) {
        Map<RoleAssignment.Target, String> workspaces = new HashMap<>();
        for (RoleAssignment r : roles) {
            workspaces.put(r.target(), switch (r.entityType()) {
                case ORGANIZATION -> {
                    if (!r.entityId().equals(organizationId)) {
                        throw LatchkeyException.notFound("Organization " + r.entityId() + " not found");
                    }
                    yield null;
                }
                case WORKSPACE -> registry.workspace(organizationId, r.entityId())
                        .orElseThrow(() -> LatchkeyException.notFound("Workspace " + r.entityId() + " is not registered"))
                        .id();
                // A dag entry without its deploymentId is refused by the placement rules with a 400, not looked up.
                case DEPLOYMENT, DAG, DAG_TAG -> r.deployment() == null ? null : deploymentWorkspace(organizationId, r.deployment());
            });
        }
        return workspaces;
    }

    /**
     * The workspace a stored entry lives in, or null for an organization entry or one whose deployment is no longer
     * registered: unlike {@link #resolveWorkspaces}, never a 404 that would name the entry.
     */
    public String workspaceOfEntry(String organizationId, RoleAssignment r) {
        return switch (r.entityType()) {
            case ORGANIZATION -> null;
            case WORKSPACE -> r.entityId();
            case DEPLOYMENT, DAG, DAG_TAG -> r.deployment() == null ? null
                    : registry.deployment(organizationId, r.deployment()).map(d -> d.workspaceId()).orElse(null);
        };
    }

    public String deploymentWorkspace(String organizationId, String deploymentId) {
        return registry.deployment(organizationId, deploymentId)
                .orElseThrow(() -> LatchkeyException.notFound("Deployment " + deploymentId + " is not registered"))
                .workspaceId();
    }

}
