package dev.latchkey.usecase;

import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.AuditLog;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * Writes the audit log. An event is written after the change it describes has landed; a failure to write it is logged
 * and does not undo or fail the change (the change is the truth, the log is its record).
 */
@Singleton
class Auditor {

    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);
    private static final String ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz";

    private final AuditLog log;
    private final Clock clock;

    public Auditor(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    public void succeeded(Caller caller, AuditEvent.Action action, String tokenId, String detail) {
        write(caller.organizationId(), action, AuditEvent.Outcome.SUCCEEDED, tokenId, caller.actor(), caller.requestId(), detail);
    }

    /** Records a refused management attempt and returns the 403 to throw. */
    public LatchkeyException denied(Caller caller, AuditEvent.Action action, String tokenId, String message) {
        write(caller.organizationId(), action, AuditEvent.Outcome.DENIED, tokenId, caller.actor(), caller.requestId(), message);
        return LatchkeyException.forbidden(message);
    }

    public void secretCopyFailed(String organizationId, AuditEvent.Action action, String tokenId, Actor actor, String requestId,
                                 String detail) {
        write(organizationId, action, AuditEvent.Outcome.SECRET_COPY_FAILED, tokenId, actor, requestId, detail);
    }

    public void system(String organizationId, AuditEvent.Action action, String tokenId, Actor actor, String detail) {
        write(organizationId, action, AuditEvent.Outcome.SUCCEEDED, tokenId, actor, null, detail);
    }

    public void recorded(String organizationId, AuditEvent.Action action, AuditEvent.Outcome outcome, String tokenId, Actor actor,
                         String requestId, String detail) {
        write(organizationId, action, outcome, tokenId, actor, requestId, detail);
    }

    private void write(String organizationId, AuditEvent.Action action, AuditEvent.Outcome outcome, String tokenId, Actor actor,
                       String requestId, String detail) {
        Instant at = clock.instant();
        AuditEvent event = new AuditEvent(organizationId, newId(at), at, action, outcome, tokenId,
                actor == null ? null : actor.id(), actor == null ? null : actor.apiTokenName(), requestId, detail);
        try {
            log.record(event);
        } catch (LatchkeyException e) {
            LOG.warn("Audit event {} {} on token {} in {} could not be written: {}", action, outcome, tokenId, organizationId, e.getMessage());
        }
    }

    private static String newId(Instant at) {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder(String.format("%015d", at.toEpochMilli())).append('#');
        for (int i = 0; i < 10; i++) {
            id.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }
}
