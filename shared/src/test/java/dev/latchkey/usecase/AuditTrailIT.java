package dev.latchkey.usecase;

import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Scope;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.AuditLog;
import dev.latchkey.testing.Backend;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every management action, and every refusal, leaves one audit event; none carries a value. */
class AuditTrailIT {

    @Test
    void eachActionIsRecordedOnce() {
        try (Backend b = Backend.start()) {
            IssuedToken owner = b.owner("acme");
            b.workspace("acme", "ws-1");
            IssuedToken member = b.token(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER");
            // A second between actions: events of the same millisecond have no defined order.
            b.clock().advance(java.time.Duration.ofSeconds(1));
            b.bean(UpdateToken.class).update(b.caller(owner), "acme", member.token().id(), "renamed", null, null);
            b.clock().advance(java.time.Duration.ofSeconds(1));
            b.roles(owner, member, List.of(new RoleInput("WORKSPACE", "ws-1", "WORKSPACE_AUTHOR", null)));
            b.clock().advance(java.time.Duration.ofSeconds(1));
            IssuedToken rotated = b.bean(RotateToken.class).rotate(b.caller(owner), "acme", member.token().id(), 0L);
            b.clock().advance(java.time.Duration.ofSeconds(1));
            assertThrows(LatchkeyException.class, () -> b.bean(RevokeToken.class).revoke(b.caller(rotated), "acme", owner.token().id()));
            b.clock().advance(java.time.Duration.ofSeconds(1));
            b.bean(RevokeToken.class).revoke(b.caller(owner), "acme", member.token().id());

            List<AuditEvent> events = b.bean(AuditLog.class).page("acme", Instant.EPOCH, b.clock().instant().plusSeconds(3600), null, 100).events();
            List<String> trail = events.stream().map(e -> e.action() + ":" + e.outcome()).toList();
            assertEquals(List.of("CREATE:SUCCEEDED", "UPDATE:SUCCEEDED", "ROLES:SUCCEEDED", "ROTATE:SUCCEEDED", "DELETE:DENIED",
                    "DELETE:SUCCEEDED"), trail);
            assertEquals(member.token().id(), events.get(0).tokenId());
            assertEquals(member.token().id(), events.get(4).actorId(), "the refused caller is named");
            for (AuditEvent e : events) {
                for (IssuedToken t : List.of(owner, member, rotated)) {
                    assertFalse(e.toString().contains(t.value().substring(4)));
                }
            }
        }
    }
}
