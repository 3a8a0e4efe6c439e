package dev.latchkey.usecase;

/**
 * An organization policy as a client sends it; absent booleans take the defaults (no expiry required, direct access
 * allowed, no network binding required), an absent {@code expiryNoticeDays} the default notice and an absent
 * {@code maxIdleDays} no idle limit.
 */
public record PolicyRequest(Integer maxExpiryDays, Boolean requireExpiry, Long maxGracePeriodSeconds, Boolean allowDirectAccess,
                            Boolean requireAllowedCidrs, Integer maxIdleDays, Integer expiryNoticeDays) {

    public PolicyRequest(Integer maxExpiryDays, Boolean requireExpiry, Long maxGracePeriodSeconds, Boolean allowDirectAccess) {
        this(maxExpiryDays, requireExpiry, maxGracePeriodSeconds, allowDirectAccess, null, null, null);
    }
}
