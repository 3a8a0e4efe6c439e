package dev.latchkey.domain;

import dev.latchkey.access.CidrSet;

import java.util.List;

/**
 * What a token reaches, shared by its metadata and every hash item of its values: its scope and kind, the entity it
 * was made on, that entity's workspace ({@code null} for ORGANIZATION tokens), its role set and the networks it may be
 * used from ({@code allowedCidrs}; {@link CidrSet#UNBOUND} for anywhere). The binding lives here because validate
 * must decide it from the hash item alone, and every copy of the grant (a rotation's new value included) keeps it.
 */
public record TokenGrant(Scope scope, TokenKind kind, String entityId, String workspaceId, List<RoleAssignment> roles,
                         CidrSet allowedCidrs) {

    public TokenGrant {
        roles = List.copyOf(roles);
        allowedCidrs = allowedCidrs == null ? CidrSet.UNBOUND : allowedCidrs;
    }

    /** An unbound grant. */
    public TokenGrant(Scope scope, TokenKind kind, String entityId, String workspaceId, List<RoleAssignment> roles) {
        this(scope, kind, entityId, workspaceId, roles, CidrSet.UNBOUND);
    }

    public TokenGrant withRoles(List<RoleAssignment> newRoles) {
        return new TokenGrant(scope, kind, entityId, workspaceId, newRoles, allowedCidrs);
    }

    public TokenGrant withAllowedCidrs(CidrSet newCidrs) {
        return new TokenGrant(scope, kind, entityId, workspaceId, roles, newCidrs);
    }
}
