package dev.latchkey.usecase;

import dev.latchkey.access.Permission;
import dev.latchkey.access.PermissionCheck;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.access.RoleSet;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.error.LatchkeyException;
import jakarta.inject.Singleton;

import java.util.Objects;
import java.util.Optional;

/**
 * "Is this value a live token, and may it do P on this resource?" Ids are unique only within an organization, so any
 * question about a resource or a permission must name the organization. When a deployment is named, the workspace it
 * is checked in is the one it is registered in, read in the same round trip as the hash item (see
 * {@link TokenLookup#lookup(String, String, String)}); a workspace the caller names must agree with it, and is never
 * taken on trust. See docs/design.md, "Validate".
 */
@Singleton
public class ValidateToken {

    /** The answers of {@code POST /v1/validate} (docs/design.md, "Validate"). */
    public enum Code { VALID, MALFORMED, NOT_FOUND, EXPIRED, REVOKED, NOT_YET_VALID, SCOPE_MISMATCH, INSUFFICIENT_PERMISSIONS }

    /** {@code token} is the metadata of a genuine value (never the value), null otherwise. */
    public record Outcome(Code code, TokenHash token) {
        public boolean valid() {
            return code == Code.VALID;
        }
    }

    private final TokenLookup lookup;

    public ValidateToken(TokenLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * @param permission a catalogue id such as {@code deployment.deploy}, or null to ask about validity and scope only
     * @throws LatchkeyException INVALID_INPUT for an unknown permission or a resource path that cannot answer it
     */
    public Outcome validate(String presented, ResourcePath resource, String permission) {
        Permission asked = permission == null ? null : Permission.parse(permission).orElseThrow(() ->
                LatchkeyException.invalid("permission", "UNKNOWN_PERMISSION", "Unknown permission '" + permission + "'"));
        requireCompletePath(resource, asked);

        TokenLookup.Result found = lookup.lookup(presented, resource.organizationId(), resource.deploymentId());
        TokenHash hash = found.hash();
        return switch (found.status()) {
            case MALFORMED -> new Outcome(Code.MALFORMED, null);
            case NOT_FOUND -> new Outcome(Code.NOT_FOUND, null);
            case REVOKED -> new Outcome(Code.REVOKED, hash);
            case EXPIRED -> new Outcome(Code.EXPIRED, hash);
            case NOT_YET_VALID -> new Outcome(Code.NOT_YET_VALID, hash);
            case LIVE -> placed(hash, resource, found.deploymentWorkspaceId())
                    .map(at -> decide(hash, at, asked))
                    .orElseGet(() -> new Outcome(Code.SCOPE_MISMATCH, hash));
        };
    }

    /**
     * The path with the named deployment's real workspace filled in, or empty when the deployment is not where the
     * question says (another workspace, not registered, or not this deployment token's own).
     */
    private static Optional<ResourcePath> placed(TokenHash hash, ResourcePath at, Optional<String> registeredWorkspace) {
        if (at.deploymentId() == null) {
            return Optional.of(at);
        }
        String workspace;
        if (hash.grant().scope() == Scope.DEPLOYMENT) {
            if (!at.deploymentId().equals(hash.grant().entityId())) {
                return Optional.empty();
            }
            workspace = hash.grant().workspaceId();
        } else if (registeredWorkspace == null || registeredWorkspace.isEmpty()) {
            // Not read (cannot happen for a genuine value of this scope: fail closed) or not registered.
            return Optional.empty();
        } else {
            workspace = registeredWorkspace.get();
        }
        if (at.workspaceId() != null && !at.workspaceId().equals(workspace)) {
            return Optional.empty();
        }
        return Optional.of(new ResourcePath(at.organizationId(), workspace, at.deploymentId(), at.dagId(), at.dagTags()));
    }

    private static Outcome decide(TokenHash hash, ResourcePath at, Permission asked) {
        if (!inScope(hash, at, asked)) {
            return new Outcome(Code.SCOPE_MISMATCH, hash);
        }
        if (asked != null && !PermissionCheck.permits(new RoleSet(hash.grant().roles()), asked, at)) {
            return new Outcome(Code.INSUFFICIENT_PERMISSIONS, hash);
        }
        return new Outcome(Code.VALID, hash);
    }

    private static boolean inScope(TokenHash hash, ResourcePath at, Permission asked) {
        if (at.organizationId() != null && !at.organizationId().equals(hash.organizationId())) {
            return false;
        }
        return switch (hash.grant().scope()) {
            case ORGANIZATION -> true;
            // A named deployment's workspace is filled in by placed(), so "names a workspace" covers it too.
            case WORKSPACE -> (at.workspaceId() == null || at.workspaceId().equals(hash.grant().entityId()))
                    && (asked == null || asked.level() != Permission.Level.ORGANIZATION)
                    && (at.workspaceId() != null || asked == null);
            case DEPLOYMENT -> (at.deploymentId() == null || at.deploymentId().equals(hash.grant().entityId()))
                    && (at.workspaceId() == null || Objects.equals(at.workspaceId(), hash.grant().workspaceId()))
                    && (asked == null || asked.level() == Permission.Level.DEPLOYMENT || asked.level() == Permission.Level.DAG);
        };
    }

    private static void requireCompletePath(ResourcePath at, Permission asked) {
        boolean namesSomething = at.workspaceId() != null || at.deploymentId() != null || at.dagId() != null
                || !at.dagTags().isEmpty() || asked != null;
        if (namesSomething && at.organizationId() == null) {
            throw LatchkeyException.invalid("organizationId", "REQUIRED", "organizationId is required with workspaceId, "
                    + "deploymentId, dagId, dagTags or permission: ids are unique only within an organization");
        }
        if (at.dagId() != null && at.deploymentId() == null) {
            throw LatchkeyException.invalid("deploymentId", "REQUIRED", "dagId needs the deploymentId the dag runs in");
        }
        if (asked == null) {
            return;
        }
        switch (asked.level()) {
            case WORKSPACE -> require(at.workspaceId(), "workspaceId", asked);
            case DEPLOYMENT -> require(at.deploymentId(), "deploymentId", asked);
            case DAG -> require(at.dagId(), "dagId", asked);
            default -> { }
        }
    }

    private static void require(String value, String field, Permission asked) {
        if (value == null) {
            throw LatchkeyException.invalid(field, "REQUIRED", "Permission " + asked.id() + " is asked about a resource: " + field + " is required");
        }
    }
}
