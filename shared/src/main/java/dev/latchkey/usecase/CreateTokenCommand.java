package dev.latchkey.usecase;

import dev.latchkey.access.CidrSet;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenKind;

/**
 * What a client asks for when creating a token. {@code role} is a role name as sent (unknown names are refused by
 * the use case); {@code entityId} may be omitted for organization tokens; {@code allowedCidrs} is already parsed
 * ({@link CidrSet#parse}), {@link CidrSet#UNBOUND} when none were sent.
 */
public record CreateTokenCommand(String name, String description, Scope scope, String entityId, String role,
                                 Integer expiryPeriodInDays, TokenKind kind, SecretCopyRequest secretsManager,
                                 RotationRequest rotation, CidrSet allowedCidrs) {

    public CreateTokenCommand {
        allowedCidrs = allowedCidrs == null ? CidrSet.UNBOUND : allowedCidrs;
    }

    /** An unbound token. */
    public CreateTokenCommand(String name, String description, Scope scope, String entityId, String role,
                              Integer expiryPeriodInDays, TokenKind kind, SecretCopyRequest secretsManager,
                              RotationRequest rotation) {
        this(name, description, scope, entityId, role, expiryPeriodInDays, kind, secretsManager, rotation, CidrSet.UNBOUND);
    }

    /** An unbound token without a Secrets Manager copy. */
    public CreateTokenCommand(String name, String description, Scope scope, String entityId, String role,
                              Integer expiryPeriodInDays, TokenKind kind) {
        this(name, description, scope, entityId, role, expiryPeriodInDays, kind, null, null);
    }
}
