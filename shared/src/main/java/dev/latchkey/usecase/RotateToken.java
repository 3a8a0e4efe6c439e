package dev.latchkey.usecase;

import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.error.LatchkeyException;
import jakarta.inject.Singleton;

/**
 * The rotate route: same id, new value. The previous value works for {@code gracePeriodSeconds} more (0: it dies at
 * once); a value older than that one dies now. Concurrent rotations of one token: one wins, the rest get 409.
 */
@Singleton
public class RotateToken {

    private final ManagedTokens managed;
    private final TokenRotation rotation;
    private final LatchkeyConfiguration config;
    private final Auditor auditor;
    private final OrganizationPolicies policies;

    public RotateToken(ManagedTokens managed, TokenRotation rotation, LatchkeyConfiguration config, Auditor auditor,
                       OrganizationPolicies policies) {
        this.policies = policies;
        this.managed = managed;
        this.rotation = rotation;
        this.config = config;
        this.auditor = auditor;
    }

    public IssuedToken rotate(Caller caller, String organizationId, String tokenId, Long gracePeriodSeconds) {
        long grace = gracePeriodSeconds == null ? 0 : gracePeriodSeconds;
        if (grace < 0 || grace > config.getMaxGracePeriodSeconds()) {
            throw LatchkeyException.invalid("gracePeriodSeconds", "OUT_OF_RANGE",
                    "gracePeriodSeconds must be between 0 and " + config.getMaxGracePeriodSeconds());
        }
        ApiToken before = managed.loadManageable(caller, organizationId, tokenId, AuditEvent.Action.ROTATE);
        policies.checkGrace(organizationId, "gracePeriodSeconds", grace);
        try {
            IssuedToken issued = rotation.rotate(before, grace, caller.actor());
            auditor.succeeded(caller, AuditEvent.Action.ROTATE, tokenId, "grace " + grace + " s");
            return issued;
        } catch (TokenRotation.CopyBehind e) {
            auditor.secretCopyFailed(organizationId, AuditEvent.Action.ROTATE, tokenId, caller.actor(), caller.requestId(), e.getMessage());
            throw e;
        }
    }
}
