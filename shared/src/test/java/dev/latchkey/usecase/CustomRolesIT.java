package dev.latchkey.usecase;

import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.CustomRole;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.CustomRoleStore;
import dev.latchkey.store.TokenStore;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Custom roles on DynamoDB Local, below the HTTP layer: holder items follow the token's roles, the roles route keeps an
 * entry it already holds and reads a new one, an assignment racing an edit is refused rather than left stale, and an
 * interrupted fan-out is finished by the next update.
 */
class CustomRolesIT {

    static Backend b;
    static Seed acme;
    static IssuedToken owner;
    static CustomRoles roles;
    static CustomRoleStore store;

    @BeforeAll
    static void start() {
        b = Backend.start();
        acme = Seed.twoWorkspaces(b, "acme");
        owner = acme.ownerToken();
        roles = b.bean(CustomRoles.class);
        store = b.bean(CustomRoleStore.class);
    }

    @AfterAll
    static void stop() {
        b.close();
    }

    static CustomRole role(String name, String... permissions) {
        return roles.create(b.caller(owner), "acme", new CustomRoleRequest(name, null, "DEPLOYMENT", List.of(permissions), null));
    }

    static List<String> holders(CustomRole role) {
        return store.holders("acme", role.id(), null, 100);
    }

    static RoleInput entry(String role) {
        return new RoleInput("DEPLOYMENT", "dep-1", role, null);
    }

    static ApiToken token(IssuedToken t) {
        return b.bean(TokenStore.class).find("acme", t.token().id()).orElseThrow();
    }

    @Test
    void holderItemsFollowTheTokensRoles() {
        CustomRole reader = role("Holder-Reader", "deployment.read");
        CustomRole logs = role("Holder-Logs", "deployment.logs.read");
        IssuedToken t = acme.token(Scope.DEPLOYMENT, "dep-1", "Holder-Reader");
        assertEquals(List.of(t.token().id()), holders(reader));
        b.roles(owner, t, List.of(entry("Holder-Logs")));
        assertEquals(List.of(), holders(reader));
        assertEquals(List.of(t.token().id()), holders(logs));
        b.bean(RevokeToken.class).revoke(b.caller(owner), "acme", t.token().id());
        assertEquals(List.of(), holders(logs));
    }

    @Test
    void theRolesRouteKeepsAHeldEntryAndReadsANewOne() {
        CustomRole kept = role("Kept", "deployment.read");
        IssuedToken t = acme.token(Scope.DEPLOYMENT, "dep-1", "Kept");
        RoleAssignment held = token(t).grant().roles().get(0);
        // The role moves on (a description change is not fanned out): the token keeps the entry it holds.
        roles.update(b.caller(owner), "acme", kept.id(), new CustomRoleRequest("Kept", "now described", null, List.of("deployment.read"), null));
        b.roles(owner, t, List.of(entry("Kept"), new RoleInput("DAG", "etl", "DAG_VIEWER", "dep-1")));
        assertEquals(held, token(t).grant().roles().get(0));
        IssuedToken admin = acme.token(Scope.DEPLOYMENT, "dep-1", "DEPLOYMENT_ADMIN");
        b.roles(owner, admin, List.of(entry("Kept")));
        assertEquals(kept.version() + 1, token(admin).grant().roles().get(0).custom().version(), "a new entry carries the current version");
    }

    @Test
    void anAssignmentCarryingAnOlderVersionIsRefused() {
        CustomRole raced = role("Raced", "deployment.read");
        IssuedToken t = acme.token(Scope.DEPLOYMENT, "dep-1", "DEPLOYMENT_ADMIN");
        ApiToken before = token(t);
        roles.update(b.caller(owner), "acme", raced.id(), new CustomRoleRequest("Raced", null, null, List.of("deployment.deploy"), null));
        // As if the roles route had read the role just before the edit committed.
        RoleAssignment stale = RoleAssignment.custom(dev.latchkey.domain.EntityType.DEPLOYMENT, "dep-1", null, raced.grant());
        ApiToken after = before.withRoles(List.of(stale), b.clock().instant(), owner.token().history().createdBy());
        LatchkeyException e = assertThrows(LatchkeyException.class,
                () -> b.bean(TokenStore.class).replaceRoles(before, after, List.of(), b.clock().instant()));
        assertEquals(LatchkeyException.Kind.CONFLICT, e.kind());
        assertEquals(List.of(), holders(raced));
    }

    @Test
    void aPendingFanOutIsFinishedByTheNextUpdate() {
        CustomRole pending = role("Pending", "deployment.read", "deployment.deploy");
        IssuedToken t = acme.token(Scope.DEPLOYMENT, "dep-1", "Pending");
        // An edit whose fan-out died after the role was written: the role is pending, the holder still has the old set.
        CustomRole edited = new CustomRole(pending.id(), "acme", "Pending", null, pending.scopeType(), List.of("deployment.read"),
                List.of(), pending.history().changed(b.clock().instant(), owner.token().history().createdBy()), true, false);
        store.update(pending, edited);
        ResourcePath dep1 = new ResourcePath("acme", "ws-1", "dep-1", null);
        assertEquals(ValidateToken.Code.VALID, b.bean(ValidateToken.class).validate(t.value(), dep1, "deployment.deploy").code());

        CustomRole finished = roles.update(b.caller(owner), "acme", pending.id(),
                new CustomRoleRequest("Pending", null, null, List.of("deployment.read"), null));
        assertTrue(!finished.fanOutPending());
        assertEquals(ValidateToken.Code.INSUFFICIENT_PERMISSIONS,
                b.bean(ValidateToken.class).validate(t.value(), dep1, "deployment.deploy").code());
    }
}
