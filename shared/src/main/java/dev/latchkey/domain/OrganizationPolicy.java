package dev.latchkey.domain;

/**
 * Limits an organization sets on its own tokens. {@code null} limits are absent. The default policy limits nothing.
 */
public record OrganizationPolicy(Integer maxExpiryDays, boolean requireExpiry, Long maxGracePeriodSeconds, boolean allowDirectAccess) {

    public static final OrganizationPolicy DEFAULT = new OrganizationPolicy(null, false, null, true);
}
