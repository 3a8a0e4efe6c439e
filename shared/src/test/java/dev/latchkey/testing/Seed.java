package dev.latchkey.testing;

import dev.latchkey.domain.Scope;
import dev.latchkey.usecase.IssuedToken;

/**
 * Named seed data for tests (after unkey's {@code testutil/seed}): an organization with its owner token, its
 * registered workspaces and deployments, and tokens made in it through the real use cases. One chain states a test's
 * starting world, e.g. {@code Seed.organization(b, "acme").workspace("ws-1").deployment("dep-1", "ws-1")}.
 */
public final class Seed {

    private final Backend backend;
    private final String organizationId;
    private final IssuedToken owner;

    private Seed(Backend backend, String organizationId) {
        this.backend = backend;
        this.organizationId = organizationId;
        this.owner = backend.owner(organizationId);
    }

    /** Registers the organization (and so its first Organization Owner token). */
    public static Seed organization(Backend backend, String organizationId) {
        return new Seed(backend, organizationId);
    }

    /** The organization with workspaces ws-1 and ws-2, each with one deployment, dep-1 and dep-2. */
    public static Seed twoWorkspaces(Backend backend, String organizationId) {
        return organization(backend, organizationId).workspace("ws-1").deployment("dep-1", "ws-1")
                .workspace("ws-2").deployment("dep-2", "ws-2");
    }

    public Seed workspace(String workspaceId) {
        backend.workspace(organizationId, workspaceId);
        return this;
    }

    public Seed deployment(String deploymentId, String workspaceId) {
        backend.deployment(organizationId, deploymentId, workspaceId);
        return this;
    }

    public IssuedToken ownerToken() {
        return owner;
    }

    /** A token made by the owner, with one role on its own entity. */
    public IssuedToken token(Scope scope, String entityId, String role) {
        return backend.token(owner, organizationId, scope, entityId, role);
    }

    /** A token made by the owner, with one role on its own entity, usable only from {@code allowedCidrs}. */
    public IssuedToken boundToken(Scope scope, String entityId, String role, String... allowedCidrs) {
        return backend.boundToken(owner, organizationId, scope, entityId, role, allowedCidrs);
    }
}
