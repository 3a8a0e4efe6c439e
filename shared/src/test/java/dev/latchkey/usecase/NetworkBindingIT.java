package dev.latchkey.usecase;

import dev.latchkey.access.CidrSet;
import dev.latchkey.access.IpAddress;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.AuditLog;
import dev.latchkey.store.TokenStore;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.CountingTokenStore;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.latchkey.usecase.ValidateToken.Code.INSUFFICIENT_PERMISSIONS;
import static dev.latchkey.usecase.ValidateToken.Code.IP_NOT_ALLOWED;
import static dev.latchkey.usecase.ValidateToken.Code.REVOKED;
import static dev.latchkey.usecase.ValidateToken.Code.SCOPE_MISMATCH;
import static dev.latchkey.usecase.ValidateToken.Code.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Per-token network binding on DynamoDB Local: a token's {@code allowedCidrs} travel in every hash item, validate
 * decides them after revocation and expiry and before scope, and refusals are audited at most once a minute per value.
 */
class NetworkBindingIT {

    static final String ORG = "acme";
    static Backend b;
    static Seed acme;

    @BeforeAll
    static void start() {
        b = Backend.start();
        acme = Seed.organization(b, ORG).workspace("ws-1").deployment("dep-1", "ws-1");
    }

    @AfterAll
    static void stop() {
        b.close();
    }

    static ValidateToken.Outcome validate(IssuedToken t, ResourcePath at, String permission, String sourceIp) {
        return b.bean(ValidateToken.class).validate(t.value(), at, permission,
                sourceIp == null ? null : CidrSet.address("sourceIp", sourceIp), "req-1");
    }

    static ValidateToken.Code code(IssuedToken t, String sourceIp) {
        return validate(t, ResourcePath.none(), null, sourceIp).code();
    }

    static List<AuditEvent> denials(IssuedToken t) {
        return b.bean(AuditLog.class).page(ORG, Instant.EPOCH, b.clock().instant().plusSeconds(3600), null, 1000).events().stream()
                .filter(e -> e.action() == AuditEvent.Action.TOKEN_IP_DENIED && t.token().id().equals(e.tokenId()))
                .toList();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "203.0.113.9,        VALID",
            "203.0.113.255,      VALID",
            "203.0.114.1,        IP_NOT_ALLOWED",
            "::ffff:203.0.113.9, VALID",
            "::ffff:198.51.100.1, IP_NOT_ALLOWED",
            "2001:db8:1::77,     VALID",
            "2001:db8:2::77,     IP_NOT_ALLOWED",
            "-,                  IP_NOT_ALLOWED",
    })
    void aBoundTokenIsValidOnlyFromItsNetworksAndFailsClosedWithoutASource(String source, ValidateToken.Code expected) {
        IssuedToken bound = acme.boundToken(Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR", "203.0.113.0/24", "2001:db8:1::/48");
        ValidateToken.Outcome outcome = validate(bound, ResourcePath.none(), null, source);
        assertEquals(expected, outcome.code());
        assertEquals(bound.token().id(), outcome.token().tokenId(), "a genuine value's answer names its token");
    }

    @Test
    void anUnboundTokenIsValidFromAnywhereAndWithoutASource() {
        IssuedToken unbound = acme.token(Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR");
        assertEquals(VALID, code(unbound, "198.51.100.1"));
        assertEquals(VALID, code(unbound, "2001:db8::1"));
        assertEquals(VALID, code(unbound, null));
        assertEquals(VALID, b.bean(ValidateToken.class).validate(unbound.value(), ResourcePath.none(), null).code());
        assertEquals(List.of(), denials(unbound));
    }

    @Test
    void fromOutsideEveryQuestionAnswersIpNotAllowedSoThatNothingIsLearnedAboutWhatTheTokenReaches() {
        IssuedToken bound = acme.boundToken(Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR", "203.0.113.0/24");
        ResourcePath otherOrg = new ResourcePath("globex", null, null, null);
        ResourcePath ownWorkspace = new ResourcePath(ORG, "ws-1", null, null);
        assertEquals(SCOPE_MISMATCH, validate(bound, otherOrg, null, "203.0.113.9").code());
        assertEquals(INSUFFICIENT_PERMISSIONS, validate(bound, ownWorkspace, "workspace.tokens.manage", "203.0.113.9").code());
        assertEquals(IP_NOT_ALLOWED, validate(bound, otherOrg, null, "198.51.100.1").code());
        assertEquals(IP_NOT_ALLOWED, validate(bound, ownWorkspace, "workspace.tokens.manage", "198.51.100.1").code());
        assertEquals(IP_NOT_ALLOWED, validate(bound, ownWorkspace, "workspace.read", "198.51.100.1").code());
    }

    @Test
    void aDeadValueAnswersItsDeathFromAnywhereAndIsNotAuditedAsAnIpDenial() {
        IssuedToken bound = acme.boundToken(Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR", "203.0.113.0/24");
        b.bean(RevokeToken.class).revoke(b.caller(acme.ownerToken()), ORG, bound.token().id());
        assertEquals(REVOKED, code(bound, "198.51.100.1"));
        assertEquals(List.of(), denials(bound));
    }

    @Test
    void refusalsAreAuditedAtMostOnceAMinutePerValue() {
        IssuedToken bound = acme.boundToken(Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR", "203.0.113.0/24");
        assertEquals(IP_NOT_ALLOWED, code(bound, "198.51.100.1"));
        b.clock().advance(Duration.ofSeconds(30));
        assertEquals(IP_NOT_ALLOWED, code(bound, "198.51.100.2"));
        List<AuditEvent> once = denials(bound);
        assertEquals(1, once.size(), "two refusals within a minute write one event");
        AuditEvent e = once.get(0);
        assertEquals(AuditEvent.Outcome.DENIED, e.outcome());
        assertEquals(bound.token().id(), e.actorId(), "the refused token is the actor");
        assertEquals(bound.token().name(), e.actorName());
        assertEquals("req-1", e.requestId());
        assertEquals("source 198.51.100.1 is outside allowedCidrs 203.0.113.0/24", e.detail());

        b.clock().advance(Duration.ofSeconds(31));
        assertEquals(IP_NOT_ALLOWED, code(bound, null));
        List<AuditEvent> twice = denials(bound);
        assertEquals(2, twice.size(), "a refusal more than a minute after the audited one is audited again");
        assertEquals("no source address given is outside allowedCidrs 203.0.113.0/24", twice.get(1).detail());
        assertEquals(VALID, code(bound, "203.0.113.1"), "uses from inside are never audited as refusals");
        assertEquals(2, denials(bound).size());
    }

    @Test
    void concurrentRefusalsWriteOneEvent() throws Exception {
        IssuedToken bound = acme.boundToken(Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR", "203.0.113.0/24");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ValidateToken.Code>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String source = "198.51.100." + (i + 1);
                calls.add(() -> code(bound, source));
            }
            for (Future<ValidateToken.Code> f : pool.invokeAll(calls)) {
                assertEquals(IP_NOT_ALLOWED, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, denials(bound).size());
    }

    @Test
    void eachAnswerIsOneReadAndARefusalAlreadyAuditedThisMinuteCostsNoWrite() {
        IssuedToken bound = acme.boundToken(Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR", "203.0.113.0/24");
        CountingTokenStore counting = new CountingTokenStore(b.bean(TokenStore.class));
        TokenLookup lookup = new TokenLookup(b.bean(TokenValues.class), b.bean(dev.latchkey.token.PepperRing.class), counting.store(),
                b.clockBean(), b.bean(dev.latchkey.config.LatchkeyConfiguration.class));
        ValidateToken validate = new ValidateToken(lookup, counting.store(), b.bean(Auditor.class));
        IpAddress outside = CidrSet.address("sourceIp", "198.51.100.1");
        assertEquals(IP_NOT_ALLOWED, validate.validate(bound.value(), ResourcePath.none(), null, outside, null).code());
        assertEquals(1, counting.calls("recordIpDenial"));
        b.clock().advance(Duration.ofSeconds(59));
        assertEquals(IP_NOT_ALLOWED, validate.validate(bound.value(), ResourcePath.none(), null, outside, null).code());
        assertEquals(1, counting.calls("recordIpDenial"), "the hash item read says this minute is audited: no write is tried");
        b.clock().advance(Duration.ofSeconds(2));
        assertEquals(IP_NOT_ALLOWED, validate.validate(bound.value(), ResourcePath.none(), null, outside, null).code());
        assertEquals(2, counting.calls("recordIpDenial"));
        assertEquals(2, denials(bound).size());
        ResourcePath deployment = new ResourcePath(ORG, null, "dep-1", null);
        assertEquals(IP_NOT_ALLOWED, validate.validate(bound.value(), deployment, null, outside, null).code());
        assertEquals(4, counting.calls("findHash"), "one read per answer, the deployment's placement included");
    }

    @Test
    void aUseFromOutsideIsNotRecordedAsAUse() {
        IssuedToken bound = acme.boundToken(Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR", "203.0.113.0/24");
        assertEquals(IP_NOT_ALLOWED, code(bound, "198.51.100.1"));
        assertNull(b.bean(TokenStore.class).find(ORG, bound.token().id()).orElseThrow().history().lastUsedAt());
        assertEquals(VALID, code(bound, "203.0.113.1"));
        assertNotNull(b.bean(TokenStore.class).find(ORG, bound.token().id()).orElseThrow().history().lastUsedAt());
    }

    @Test
    void updateSetsReplacesAndClearsTheBindingOfEveryLiveValue() {
        IssuedToken owner = acme.ownerToken();
        IssuedToken t = acme.token(Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR");
        UpdateToken update = b.bean(UpdateToken.class);
        update.update(b.caller(owner), ORG, t.token().id(), "bound", null, null, CidrSet.parse("allowedCidrs", List.of("203.0.113.0/24")));
        assertEquals(IP_NOT_ALLOWED, code(t, "198.51.100.1"));
        assertEquals(VALID, code(t, "203.0.113.1"));

        // A rotation with a grace period keeps the old value live: both values carry the binding, and both follow updates.
        IssuedToken rotated = b.bean(RotateToken.class).rotate(b.caller(owner), ORG, t.token().id(), 3600L);
        assertEquals(IP_NOT_ALLOWED, code(rotated, "198.51.100.1"), "a rotation's new value keeps the binding");
        update.update(b.caller(owner), ORG, t.token().id(), "bound", null, null, CidrSet.parse("allowedCidrs", List.of("198.51.100.0/24")));
        for (IssuedToken value : List.of(t, rotated)) {
            assertEquals(VALID, code(value, "198.51.100.1"));
            assertEquals(IP_NOT_ALLOWED, code(value, "203.0.113.1"));
        }
        update.update(b.caller(owner), ORG, t.token().id(), "renamed, binding kept", null, null);
        assertEquals(IP_NOT_ALLOWED, code(rotated, "203.0.113.1"), "an update without allowedCidrs keeps the binding");
        assertEquals(List.of("198.51.100.0/24"), b.bean(TokenStore.class).find(ORG, t.token().id()).orElseThrow().grant().allowedCidrs().cidrs());

        update.update(b.caller(owner), ORG, t.token().id(), "unbound", null, null, CidrSet.UNBOUND);
        for (IssuedToken value : List.of(t, rotated)) {
            assertEquals(VALID, code(value, "203.0.113.1"), "clearing the binding applies to the very next validate");
            assertEquals(VALID, code(value, null));
        }
        assertEquals(CidrSet.UNBOUND, b.bean(TokenStore.class).find(ORG, t.token().id()).orElseThrow().grant().allowedCidrs());
    }

    @Test
    void directAccessTokensCannotBeBoundBecauseNothingOnlineChecksThem() {
        IssuedToken owner = acme.ownerToken();
        LatchkeyException e = assertThrows(LatchkeyException.class, () -> b.bean(CreateToken.class).create(b.caller(owner), ORG,
                new CreateTokenCommand("offline", null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", 30, TokenKind.DIRECT_ACCESS,
                        null, null, CidrSet.parse("allowedCidrs", List.of("203.0.113.0/24"))), null));
        assertEquals("allowedCidrs", e.fieldErrors().get(0).field());
        assertEquals("NOT_SUPPORTED", e.fieldErrors().get(0).code());
    }

    @Test
    void aPolicyRequiringABindingAppliesToNewTokensOnly() {
        Backend own = Backend.start();
        try {
            Seed strict = Seed.organization(own, "strict").workspace("ws-1");
            IssuedToken before = strict.token(Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER");
            own.bean(OrganizationPolicies.class).put(own.caller(strict.ownerToken()), "strict",
                    new PolicyRequest(null, null, null, null, true, null, null));
            LatchkeyException e = assertThrows(LatchkeyException.class, () -> strict.token(Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER"));
            assertEquals(LatchkeyException.Kind.INVALID_INPUT, e.kind());
            assertEquals("allowedCidrs", e.fieldErrors().get(0).field());
            assertEquals("REQUIRED_BY_POLICY", e.fieldErrors().get(0).code());
            IssuedToken bound = strict.boundToken(Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", "203.0.113.0/24");
            assertEquals(List.of("203.0.113.0/24"), bound.token().grant().allowedCidrs().cidrs());
            assertEquals(VALID, own.bean(ValidateToken.class).validate(before.value(), ResourcePath.none(), null).code(),
                    "tokens made before the policy keep working unbound");
            assertEquals(true, own.bean(OrganizationPolicies.class).get(own.caller(strict.ownerToken()), "strict").requireAllowedCidrs());

            UpdateToken update = own.bean(UpdateToken.class);
            LatchkeyException removal = assertThrows(LatchkeyException.class, () -> update.update(own.caller(strict.ownerToken()),
                    "strict", bound.token().id(), "unbound?", null, null, CidrSet.UNBOUND));
            assertEquals("REQUIRED_BY_POLICY", removal.fieldErrors().get(0).code(), "a binding is replaced, not removed");
            assertEquals(VALID, own.bean(ValidateToken.class).validate(bound.value(), ResourcePath.none(), null,
                    CidrSet.address("sourceIp", "203.0.113.1"), null).code());
            update.update(own.caller(strict.ownerToken()), "strict", bound.token().id(), "moved", null, null,
                    CidrSet.parse("allowedCidrs", List.of("198.51.100.0/24")));
            update.update(own.caller(strict.ownerToken()), "strict", before.token().id(), "still unbound", null, null, CidrSet.UNBOUND);
        } finally {
            own.close();
        }
    }
}
