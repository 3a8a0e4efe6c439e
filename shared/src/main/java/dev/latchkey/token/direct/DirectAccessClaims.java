package dev.latchkey.token.direct;

import dev.latchkey.domain.Scope;

import java.time.Instant;
import java.util.List;

/**
 * The claims of a direct-access token. {@code permissions} name the entities the token has roles on, as
 * {@code organizationId:<id>}, {@code workspaceId:<id>} and {@code deploymentId:<id>} entries.
 */
public record DirectAccessClaims(String issuer, String audience, String tokenId, String organizationId, Scope scope,
                                 List<String> permissions, Instant issuedAt, Instant notBefore, Instant expiresAt, String jwtId) {

    public DirectAccessClaims {
        permissions = List.copyOf(permissions);
    }
}
