package dev.latchkey.usecase;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.AuditLog;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reading an organization's audit log: Organization Owners only, a time range, paged by cursor. */
@Singleton
public class AuditQueries {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /**
     * The instants a query may name: event ids start with the epoch millisecond in 15 digits, which covers 1970 to the
     * end of 9999 and nothing else (an instant Java parses may be far outside, and its millisecond overflow a long).
     */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private final ManagedTokens managed;
    private final AuditLog log;
    private final Clock clock;

    public AuditQueries(ManagedTokens managed, AuditLog log, Clock clock) {
        this.managed = managed;
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param from   ISO-8601 instant, inclusive (default: the beginning)
     * @param to     ISO-8601 instant, exclusive (default: now)
     * @param cursor the {@code next} of the previous page
     */
    public AuditLog.Page page(Caller caller, String organizationId, String from, String to, String cursor, Integer limit) {
        managed.requireOrganization(caller, organizationId);
        if (!caller.roles().isOrganizationOwner()) {
            throw LatchkeyException.forbidden("Reading the audit log needs ORGANIZATION_OWNER");
        }
        Instant start = instant("from", from, Instant.EPOCH);
        Instant end = instant("to", to, clock.instant().plusMillis(1));
        if (!start.isBefore(end)) {
            throw LatchkeyException.invalid("from", "OUT_OF_RANGE", "from must be before to");
        }
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw LatchkeyException.invalid("limit", "OUT_OF_RANGE", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (cursor != null && !cursor.matches("\\d{15}#[0-9a-z]{10}")) {
            throw LatchkeyException.invalid("cursor", "INVALID", "cursor must be the nextCursor of a previous page");
        }
        // A cursor is the id of the last event of the previous page, so it lies in [from, to); the table refuses a
        // start key outside the range it is asked for (a 5xx), and a cursor from another range is a client mistake.
        if (cursor != null) {
            long at = Long.parseLong(cursor.substring(0, 15));
            if (at < start.toEpochMilli() || at >= end.toEpochMilli()) {
                throw LatchkeyException.invalid("cursor", "OUT_OF_RANGE",
                        "cursor must be the nextCursor of a previous page of the same from and to");
            }
        }
        return log.page(organizationId, start, end, cursor, n);
    }

    private static Instant instant(String field, String value, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        Instant at;
        try {
            at = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw LatchkeyException.invalid(field, "INVALID_TIME", field + " must be an ISO-8601 instant such as 2026-11-22T00:00:00Z");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw LatchkeyException.invalid(field, "OUT_OF_RANGE", field + " must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z");
        }
        return at;
    }
}
