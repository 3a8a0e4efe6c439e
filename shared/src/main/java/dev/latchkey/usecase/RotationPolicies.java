package dev.latchkey.usecase;

import dev.latchkey.domain.RotationPolicy;
import dev.latchkey.error.LatchkeyException;

import java.time.Instant;
import java.util.regex.Pattern;

/** Checks on rotation policies and secret names as clients send them. */
final class RotationPolicies {

    static final int MAX_EVERY_DAYS = 365;
    /** Secrets Manager's own name rules. */
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

    private RotationPolicies() {
    }

    /**
     * @return the policy starting now, or null when {@code everyDays} is 0 and {@code allowRemoval}
     */
    static RotationPolicy from(RotationRequest request, boolean hasCopy, long maxGrace, Instant now, boolean allowRemoval) {
        Integer days = request.everyDays();
        if (days == null) {
            throw LatchkeyException.invalid("rotation.everyDays", "REQUIRED", "rotation.everyDays is required");
        }
        if (days == 0 && allowRemoval) {
            return null;
        }
        if (!hasCopy) {
            throw LatchkeyException.invalid("rotation", "REQUIRES_SECRETS_MANAGER",
                    "A rotation policy needs a Secrets Manager copy to rotate into: create the token with \"secretsManager\": {}");
        }
        if (days < 1 || days > MAX_EVERY_DAYS) {
            throw LatchkeyException.invalid("rotation.everyDays", "OUT_OF_RANGE", "rotation.everyDays must be between 1 and " + MAX_EVERY_DAYS);
        }
        long grace = request.gracePeriodSeconds() == null ? 0 : request.gracePeriodSeconds();
        if (grace < 0 || grace > maxGrace) {
            throw LatchkeyException.invalid("rotation.gracePeriodSeconds", "OUT_OF_RANGE",
                    "rotation.gracePeriodSeconds must be between 0 and " + maxGrace);
        }
        return RotationPolicy.startingAt(now, days, grace);
    }

    static String secretName(String name) {
        if (!SECRET_NAME.matcher(name).matches() || name.contains("..")) {
            throw LatchkeyException.invalid("secretsManager.secretName", "INVALID_NAME",
                    "secretName must be 1-512 characters of letters, digits and /_+=.@-");
        }
        return name;
    }
}
