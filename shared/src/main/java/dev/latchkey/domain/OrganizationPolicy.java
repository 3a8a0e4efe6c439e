package dev.latchkey.domain;

/**
 * Limits an organization sets on its own tokens. {@code null} limits are absent. The default policy limits nothing.
 * {@code requireAllowedCidrs} applies to tokens created while it is set; tokens made before keep whatever binding
 * they have.
 */
public record OrganizationPolicy(Integer maxExpiryDays, boolean requireExpiry, Long maxGracePeriodSeconds, boolean allowDirectAccess,
                                 boolean requireAllowedCidrs) {

    public static final OrganizationPolicy DEFAULT = new OrganizationPolicy(null, false, null, true, false);

    /** A policy that does not require a network binding. */
    public OrganizationPolicy(Integer maxExpiryDays, boolean requireExpiry, Long maxGracePeriodSeconds, boolean allowDirectAccess) {
        this(maxExpiryDays, requireExpiry, maxGracePeriodSeconds, allowDirectAccess, false);
    }
}
