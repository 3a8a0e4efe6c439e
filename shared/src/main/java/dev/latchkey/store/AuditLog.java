package dev.latchkey.store;

import dev.latchkey.domain.AuditEvent;

import java.time.Instant;
import java.util.List;

/** An organization's audit events, kept for a retention period (DynamoDB TTL). */
public interface AuditLog {

    void record(AuditEvent event);

    /**
     * Events in {@code [from, to)}, oldest first, at most {@code limit}; {@code after} is the id of the last event of
     * the previous page (or null).
     */
    Page page(String organizationId, Instant from, Instant to, String after, int limit);

    /** One page; {@code next} is the {@code after} of the following page, null at the end. */
    record Page(List<AuditEvent> events, String next) {
    }
}
