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

/**
 * "Is this value a live token, and may it do P on this resource?" The resource path is taken as the calling service
 * names it (as an authorizer takes a route): workspace roles reach a deployment only when the request names the
 * deployment's workspace too, since checking the registry would cost a second read on the hot path.
 */
@Singleton
public class ValidateToken {

    /** The codes of DESIGN.md §3. */
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

        TokenLookup.Result found = lookup.lookup(presented);
        TokenHash hash = found.hash();
        return switch (found.status()) {
            case MALFORMED -> new Outcome(Code.MALFORMED, null);
            case NOT_FOUND -> new Outcome(Code.NOT_FOUND, null);
            case REVOKED -> new Outcome(Code.REVOKED, hash);
            case EXPIRED -> new Outcome(Code.EXPIRED, hash);
            case NOT_YET_VALID -> new Outcome(Code.NOT_YET_VALID, hash);
            case LIVE -> decide(hash, withTokenContext(hash, resource), asked);
        };
    }

    private static Outcome decide(TokenHash hash, ResourcePath at, Permission asked) {
        if (!inScope(hash, at, asked)) {
            return new Outcome(Code.SCOPE_MISMATCH, hash);
        }
        if (asked != null && !PermissionCheck.permits(new RoleSet(hash.roles()), asked, at)) {
            return new Outcome(Code.INSUFFICIENT_PERMISSIONS, hash);
        }
        return new Outcome(Code.VALID, hash);
    }

    /** A deployment token's own workspace is known: fill it in so workspace-level checks see it. */
    private static ResourcePath withTokenContext(TokenHash hash, ResourcePath at) {
        if (hash.scope() == Scope.DEPLOYMENT && at.workspaceId() == null && hash.entityId().equals(at.deploymentId())) {
            return new ResourcePath(at.organizationId(), hash.workspaceId(), at.deploymentId(), at.dagId());
        }
        return at;
    }

    private static boolean inScope(TokenHash hash, ResourcePath at, Permission asked) {
        if (at.organizationId() != null && !at.organizationId().equals(hash.organizationId())) {
            return false;
        }
        return switch (hash.scope()) {
            case ORGANIZATION -> true;
            case WORKSPACE -> (at.workspaceId() == null || at.workspaceId().equals(hash.entityId()))
                    && (asked == null || asked.level() != Permission.Level.ORGANIZATION)
                    && (at.workspaceId() != null || at.deploymentId() != null || asked == null);
            case DEPLOYMENT -> (at.deploymentId() == null || at.deploymentId().equals(hash.entityId()))
                    && (at.workspaceId() == null || Objects.equals(at.workspaceId(), hash.workspaceId()))
                    && (asked == null || asked.level() == Permission.Level.DEPLOYMENT || asked.level() == Permission.Level.DAG);
        };
    }

    private static void requireCompletePath(ResourcePath at, Permission asked) {
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
