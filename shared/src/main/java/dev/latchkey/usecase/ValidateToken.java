package dev.latchkey.usecase;

import dev.latchkey.access.IpAddress;
import dev.latchkey.access.Permission;
import dev.latchkey.access.PermissionCheck;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.access.RoleSet;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
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
    public enum Code { VALID, MALFORMED, NOT_FOUND, EXPIRED, REVOKED, NOT_YET_VALID, IP_NOT_ALLOWED, SCOPE_MISMATCH, INSUFFICIENT_PERMISSIONS }

    /** {@code token} is the metadata of a genuine value (never the value), null otherwise. */
    public record Outcome(Code code, TokenHash token) {
        public boolean valid() {
            return code == Code.VALID;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ValidateToken.class);
    /** Refusals from outside a token's networks are audited at most this often per value. */
    static final Duration IP_DENIAL_AUDIT_INTERVAL = Duration.ofMinutes(1);

    private final TokenLookup lookup;
    private final TokenStore store;
    private final Auditor auditor;

    public ValidateToken(TokenLookup lookup, TokenStore store, Auditor auditor) {
        this.lookup = lookup;
        this.store = store;
        this.auditor = auditor;
    }

    /** As {@link #validate(String, ResourcePath, String, IpAddress, String)} with no source address. */
    public Outcome validate(String presented, ResourcePath resource, String permission) {
        return validate(presented, resource, permission, null, null);
    }

    /**
     * A live value's network binding is checked right after revocation and expiry and before scope and permissions:
     * from outside its networks a value answers IP_NOT_ALLOWED whatever it is asked, so a stolen value cannot be used
     * to learn what the token reaches. A bound token asked about with no source address fails closed.
     *
     * @param permission a catalogue id such as {@code deployment.deploy}, or null to ask about validity and scope only
     * @param sourceIp   where the value is being used from (the caller's client), or null when not known
     * @param requestId  the request's id for the audit log, or null
     * @throws LatchkeyException INVALID_INPUT for an unknown permission or a resource path that cannot answer it
     */
    public Outcome validate(String presented, ResourcePath resource, String permission, IpAddress sourceIp, String requestId) {
        Permission asked = permission == null ? null : Permission.parse(permission).orElseThrow(() ->
                LatchkeyException.invalid("permission", "UNKNOWN_PERMISSION", "Unknown permission '" + permission + "'"));
        requireCompletePath(resource, asked);

        TokenLookup.Result found = lookup.lookup(presented, resource.organizationId(), resource.deploymentId(), sourceIp);
        TokenHash hash = found.hash();
        return switch (found.status()) {
            case MALFORMED -> new Outcome(Code.MALFORMED, null);
            case NOT_FOUND -> new Outcome(Code.NOT_FOUND, null);
            case REVOKED -> new Outcome(Code.REVOKED, hash);
            case EXPIRED -> new Outcome(Code.EXPIRED, hash);
            case NOT_YET_VALID -> new Outcome(Code.NOT_YET_VALID, hash);
            case LIVE -> !hash.grant().allowedCidrs().allows(sourceIp) ? refusedSource(hash, found.at(), sourceIp, requestId)
                    : placed(hash, resource, found.deploymentWorkspaceId())
                    .map(at -> decide(hash, at, asked))
                    .orElseGet(() -> new Outcome(Code.SCOPE_MISMATCH, hash));
        };
    }

    /**
     * IP_NOT_ALLOWED, audited once per value per {@link #IP_DENIAL_AUDIT_INTERVAL}: the conditional write on the hash
     * item lets exactly one of concurrent refusals through. A failure to audit is logged and does not change the answer.
     */
    private Outcome refusedSource(TokenHash hash, Instant now, IpAddress sourceIp, String requestId) {
        Instant cutoff = now.minus(IP_DENIAL_AUDIT_INTERVAL);
        if (hash.ipDeniedAt() == null || hash.ipDeniedAt().isBefore(cutoff)) {
            try {
                if (store.recordIpDenial(hash, now, cutoff)) {
                    auditor.recorded(hash.organizationId(), AuditEvent.Action.TOKEN_IP_DENIED, AuditEvent.Outcome.DENIED,
                            hash.tokenId(), new Actor(hash.tokenId(), hash.name()), requestId,
                            (sourceIp == null ? "no source address given" : "source " + sourceIp)
                                    + " is outside allowedCidrs " + hash.grant().allowedCidrs());
                }
            } catch (LatchkeyException e) {
                LOG.warn("Could not audit a refused source address for token {}: {}", hash.tokenId(), e.getMessage());
            }
        }
        return new Outcome(Code.IP_NOT_ALLOWED, hash);
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
