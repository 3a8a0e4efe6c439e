package dev.latchkey.usecase;

import dev.latchkey.access.CidrSet;
import dev.latchkey.config.LatchkeyConfiguration;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.OrganizationPolicy;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.EntityRegistry;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * An organization's token policy: Organization Owners read and replace it; create, rotate and rotation policies are
 * checked against it (one read of the policy item per such request).
 */
@Singleton
public class OrganizationPolicies {

    /** Ten years: the longest idle limit (a longer one would never revoke anything a 3650-day token leaves). */
    public static final int MAX_IDLE_DAYS = 3650;
    /**
     * The longest expiry notice. It also bounds how far ahead the sweep looks for expiring tokens, so every sweep reads
     * at most the tokens expiring within this many days.
     */
    public static final int MAX_EXPIRY_NOTICE_DAYS = 90;

    private final ManagedTokens managed;
    private final EntityRegistry registry;
    private final Auditor auditor;
    private final Clock clock;
    private final LatchkeyConfiguration config;

    public OrganizationPolicies(ManagedTokens managed, EntityRegistry registry, Auditor auditor, Clock clock, LatchkeyConfiguration config) {
        this.managed = managed;
        this.registry = registry;
        this.auditor = auditor;
        this.clock = clock;
        this.config = config;
    }

    public OrganizationPolicy get(Caller caller, String organizationId) {
        managed.requireOrganization(caller, organizationId);
        requireOwner(caller, "Reading");
        return registry.policy(organizationId);
    }

    public OrganizationPolicy put(Caller caller, String organizationId, PolicyRequest request) {
        managed.requireOrganization(caller, organizationId);
        if (!caller.roles().isOrganizationOwner()) {
            throw auditor.denied(caller, AuditEvent.Action.POLICY, null, "Changing the organization policy needs ORGANIZATION_OWNER");
        }
        Integer days = request.maxExpiryDays();
        if (days != null && (days < 1 || days > CreateToken.MAX_EXPIRY_DAYS)) {
            throw LatchkeyException.invalid("maxExpiryDays", "OUT_OF_RANGE", "maxExpiryDays must be between 1 and " + CreateToken.MAX_EXPIRY_DAYS);
        }
        Long grace = request.maxGracePeriodSeconds();
        if (grace != null && (grace < 0 || grace > config.getMaxGracePeriodSeconds())) {
            throw LatchkeyException.invalid("maxGracePeriodSeconds", "OUT_OF_RANGE",
                    "maxGracePeriodSeconds must be between 0 and " + config.getMaxGracePeriodSeconds());
        }
        Integer idle = request.maxIdleDays();
        if (idle != null && (idle < 1 || idle > MAX_IDLE_DAYS)) {
            throw LatchkeyException.invalid("maxIdleDays", "OUT_OF_RANGE", "maxIdleDays must be between 1 and " + MAX_IDLE_DAYS);
        }
        Integer notice = request.expiryNoticeDays();
        if (notice != null && (notice < 0 || notice > MAX_EXPIRY_NOTICE_DAYS)) {
            throw LatchkeyException.invalid("expiryNoticeDays", "OUT_OF_RANGE",
                    "expiryNoticeDays must be between 0 (no notice) and " + MAX_EXPIRY_NOTICE_DAYS);
        }
        OrganizationPolicy policy = new OrganizationPolicy(days, Boolean.TRUE.equals(request.requireExpiry()), grace,
                request.allowDirectAccess() == null || request.allowDirectAccess(), Boolean.TRUE.equals(request.requireAllowedCidrs()),
                idle, notice == null ? OrganizationPolicy.DEFAULT_EXPIRY_NOTICE_DAYS : notice);
        registry.putPolicy(organizationId, policy, clock.instant());
        auditor.succeeded(caller, AuditEvent.Action.POLICY, null, policy.toString());
        return policy;
    }

    /** Checks a new token's expiry, kind and network binding against its organization's policy. */
    void checkCreate(String organizationId, Integer expiryDays, TokenKind kind, Long rotationGrace, CidrSet allowedCidrs) {
        OrganizationPolicy policy = registry.policy(organizationId);
        if (policy.requireAllowedCidrs() && !allowedCidrs.bound()) {
            throw LatchkeyException.invalid("allowedCidrs", "REQUIRED_BY_POLICY",
                    "This organization's policy requires allowedCidrs (at least one network) on every new token");
        }
        if (policy.requireExpiry() && expiryDays == null) {
            throw LatchkeyException.invalid("tokenExpiryPeriodInDays", "REQUIRED_BY_POLICY",
                    "This organization's policy requires tokenExpiryPeriodInDays on every token");
        }
        if (policy.maxExpiryDays() != null && expiryDays != null && expiryDays > policy.maxExpiryDays()) {
            throw LatchkeyException.invalid("tokenExpiryPeriodInDays", "ABOVE_POLICY",
                    "This organization's policy allows tokens of at most " + policy.maxExpiryDays() + " days");
        }
        if (kind == TokenKind.DIRECT_ACCESS && !policy.allowDirectAccess()) {
            throw LatchkeyException.invalid("kind", "NOT_ALLOWED_BY_POLICY", "This organization's policy does not allow DIRECT_ACCESS tokens");
        }
        checkGrace(policy, "rotation.gracePeriodSeconds", rotationGrace);
    }

    /**
     * An update that removes a token's binding: refused while the policy requires one, or a token could be created
     * bound and unbound the next minute. Tokens that never had a binding are not touched by the policy.
     */
    void checkBindingRemoval(String organizationId) {
        if (registry.policy(organizationId).requireAllowedCidrs()) {
            throw LatchkeyException.invalid("allowedCidrs", "REQUIRED_BY_POLICY",
                    "This organization's policy requires allowedCidrs: a token's binding can be replaced, not removed");
        }
    }

    /** Checks a rotation's grace period against the policy. */
    void checkGrace(String organizationId, String field, Long grace) {
        checkGrace(registry.policy(organizationId), field, grace);
    }

    /**
     * The grace a rotation that nobody asked for in this request (Secrets Manager's steps, the schedule) gets: the
     * token's own grace, cut to what the organization's policy and the stack allow today. A policy tightened after
     * the token was made applies to its next rotation.
     */
    long cappedGrace(String organizationId, long grace) {
        Long policyMax = registry.policy(organizationId).maxGracePeriodSeconds();
        long capped = Math.min(Math.max(grace, 0), config.getMaxGracePeriodSeconds());
        return policyMax == null ? capped : Math.min(capped, policyMax);
    }

    private static void checkGrace(OrganizationPolicy policy, String field, Long grace) {
        if (grace != null && policy.maxGracePeriodSeconds() != null && grace > policy.maxGracePeriodSeconds()) {
            throw LatchkeyException.invalid(field, "ABOVE_POLICY",
                    "This organization's policy allows grace periods of at most " + policy.maxGracePeriodSeconds() + " s");
        }
    }

    private static void requireOwner(Caller caller, String what) {
        if (!caller.roles().isOrganizationOwner()) {
            throw LatchkeyException.forbidden(what + " the organization policy needs ORGANIZATION_OWNER");
        }
    }
}
