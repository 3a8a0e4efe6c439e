package dev.latchkey.domain;

import java.time.Instant;

/**
 * One line of an organization's audit log: who did what to which token, when, in which request, and how it ended.
 * Never holds a token value. {@code id} orders events in time and is unique.
 */
public record AuditEvent(String organizationId, String id, Instant at, Action action, Outcome outcome, String tokenId,
                         String actorId, String actorName, String requestId, String detail) {

    /** What was attempted; TOKEN_IP_DENIED is a use of a token from outside its allowedCidrs (actor: the token). */
    public enum Action { CREATE, UPDATE, ROLES, ROTATE, DELETE, REGISTER_ENTITY, DELETE_ENTITY, POLICY, LEAK_REPORT, TOKEN_IP_DENIED,
        CUSTOM_ROLE_CREATE, CUSTOM_ROLE_UPDATE, CUSTOM_ROLE_DELETE, CUSTOM_ROLE_STRIP }

    /** How it ended: done, refused (403), or done while the Secrets Manager copy could not follow. */
    public enum Outcome { SUCCEEDED, DENIED, SECRET_COPY_FAILED }
}
