package dev.latchkey.domain;

/**
 * Limits an organization sets on its own tokens. {@code null} limits are absent. The default policy limits nothing.
 *
 * @param requireAllowedCidrs tokens created while it is set must carry a network binding; tokens made before keep
 *                            whatever binding they have
 * @param maxIdleDays         tokens unused (or, never used, created) longer ago than this are revoked by the scheduled
 *                            sweep; null: never
 * @param expiryNoticeDays    a {@code Token Expiring} event goes out this many days before a token's {@code endAt};
 *                            0: none
 */
public record OrganizationPolicy(Integer maxExpiryDays, boolean requireExpiry, Long maxGracePeriodSeconds, boolean allowDirectAccess,
                                 boolean requireAllowedCidrs, Integer maxIdleDays, int expiryNoticeDays) {

    public static final int DEFAULT_EXPIRY_NOTICE_DAYS = 7;
    public static final OrganizationPolicy DEFAULT = new OrganizationPolicy(null, false, null, true);

    /** A policy without network-binding requirement, without idle limit and with the default expiry notice. */
    public OrganizationPolicy(Integer maxExpiryDays, boolean requireExpiry, Long maxGracePeriodSeconds, boolean allowDirectAccess) {
        this(maxExpiryDays, requireExpiry, maxGracePeriodSeconds, allowDirectAccess, false, null, DEFAULT_EXPIRY_NOTICE_DAYS);
    }
}
