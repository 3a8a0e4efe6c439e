package dev.latchkey.functions.rotate;

import dev.latchkey.domain.Scope;
import dev.latchkey.functions.rotate.events.ScheduledRotationHandler;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.EventsFile;
import dev.latchkey.usecase.CreateToken;
import dev.latchkey.usecase.CreateTokenCommand;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.OrganizationPolicies;
import dev.latchkey.usecase.PolicyRequest;
import dev.latchkey.usecase.RevokeLeakedCredentials;
import dev.latchkey.usecase.ValidateToken;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The idle and expiry hygiene through the handler template.yaml names for the schedule, fed EventBridge's scheduled
 * event, with its events in the JSON-lines file the local runner uses. The handler runs on the real clock, so the
 * idle token is made by the set-up side with its clock moved back.
 */
class HygieneScheduleHandlerTest {

    static final EventsFile EVENTS = EventsFile.create();
    static LambdaHarness lambda;
    static IssuedToken owner;

    @BeforeAll
    static void start() {
        lambda = LambdaHarness.start(Map.of(EventsFile.PROPERTY, EVENTS.path().toString()));
        owner = lambda.backend().owner("acme");
        lambda.backend().workspace("acme", "ws-1");
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    static IssuedToken token(IssuedToken by, String name, Integer expiryDays) {
        Backend b = lambda.backend();
        return b.bean(CreateToken.class).create(b.caller(by), by.token().organizationId(),
                new CreateTokenCommand(name, null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", expiryDays, null), null);
    }

    static Map<String, Object> runSchedule() throws Exception {
        try (ScheduledRotationHandler handler = new ScheduledRotationHandler()) {
            return handler.handleRequest(RotationEventHandlersTest.event("eventbridge-scheduled.json", Map.of()), new MockLambdaContext());
        }
    }

    @Test
    void theScheduleRevokesIdleTokensAndSendsEachEventOnce() throws Exception {
        Backend b = lambda.backend();
        // An organization made 31 days ago, whose owner is used today (setting the policy) and whose other token is not.
        b.clock().advance(Duration.ofDays(-31));
        IssuedToken oldOwner = b.owner("old");
        b.workspace("old", "ws-1");
        IssuedToken idle = token(oldOwner, "idle", null);
        b.clock().advance(Duration.ofDays(31));
        b.bean(OrganizationPolicies.class).put(b.caller(oldOwner), "old", new PolicyRequest(null, null, null, null, null, 30, null));
        IssuedToken expiring = token(owner, "expiring", 3);
        IssuedToken leaked = token(owner, "leaked", null);
        b.bean(RevokeLeakedCredentials.class).report(List.of(leaked.value()), "req-1");

        Map<String, Object> summary = runSchedule();
        assertEquals(1, summary.get("idleRevoked"), summary.toString());
        assertEquals(0, summary.get("hygieneFailed"), summary.toString());
        runSchedule();

        assertEquals(ValidateToken.Code.REVOKED, lambda.validateNow(idle.value()));
        assertEquals(ValidateToken.Code.VALID, lambda.validateNow(oldOwner.value()), "the owner was used a moment ago");
        assertEquals(1, EVENTS.events("Token Idle Revoked", idle.token().id()).size(), EVENTS.lines().toString());
        assertEquals(1, EVENTS.events("Token Expiring", expiring.token().id()).size(), EVENTS.lines().toString());
        assertEquals(1, EVENTS.events("Token Leak Revoked", leaked.token().id()).size(), EVENTS.lines().toString());
        assertEquals(3, EVENTS.lines().size(), EVENTS.lines().toString());
        String all = String.join("\n", EVENTS.lines());
        for (IssuedToken t : List.of(idle, expiring, leaked, owner, oldOwner)) {
            assertFalse(all.contains(t.value()), "never a token value");
        }
    }
}
