package dev.latchkey.usecase;

/**
 * An organization policy as a client sends it; absent booleans take the defaults (no expiry required, direct access
 * allowed, no network binding required).
 */
public record PolicyRequest(Integer maxExpiryDays, Boolean requireExpiry, Long maxGracePeriodSeconds, Boolean allowDirectAccess,
                            Boolean requireAllowedCidrs) {

    public PolicyRequest(Integer maxExpiryDays, Boolean requireExpiry, Long maxGracePeriodSeconds, Boolean allowDirectAccess) {
        this(maxExpiryDays, requireExpiry, maxGracePeriodSeconds, allowDirectAccess, null);
    }
}
