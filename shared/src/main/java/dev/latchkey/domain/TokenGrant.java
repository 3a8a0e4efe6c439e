package dev.latchkey.domain;

import java.util.List;

/**
 * What a token reaches, shared by its metadata and every hash item of its values: its scope and kind, the entity it
 * was made on, that entity's workspace ({@code null} for ORGANIZATION tokens) and its role set.
 */
public record TokenGrant(Scope scope, TokenKind kind, String entityId, String workspaceId, List<RoleAssignment> roles) {

    public TokenGrant {
        roles = List.copyOf(roles);
    }

    public TokenGrant withRoles(List<RoleAssignment> newRoles) {
        return new TokenGrant(scope, kind, entityId, workspaceId, newRoles);
    }
}
