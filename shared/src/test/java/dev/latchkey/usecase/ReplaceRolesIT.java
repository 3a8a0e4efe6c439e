package dev.latchkey.usecase;

import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Who may replace which role sets, as a table: caller × target token × new role set → answer. Organization {@code acme};
 * workspaces {@code ws-1}, {@code ws-2}; deployments {@code dep-1} in {@code ws-1}, {@code dep-2} in {@code ws-2}. The
 * targets, made fresh for each row: {@code ORG} (ORGANIZATION_MEMBER, plus WORKSPACE_MEMBER on ws-1), {@code WS} (ws-1,
 * WORKSPACE_MEMBER), {@code DEP} (dep-1, DEPLOYMENT_ADMIN). A caller without rights on the token gets one refusal
 * whatever it sent ({@code REFUSED}), before placement, registry or unchanged-set answers could tell it anything; a
 * caller that may read the token is told which entry it may not touch ({@code DENIED}).
 */
class ReplaceRolesIT {

    static final String ORG_ROLES = "ORGANIZATION:acme:ORGANIZATION_MEMBER;WORKSPACE:ws-1:WORKSPACE_MEMBER";

    static Backend b;
    static Map<String, IssuedToken> callers;

    @BeforeAll
    static void start() {
        b = Backend.start();
        Seed acme = Seed.twoWorkspaces(b, "acme");
        callers = Map.of("OWNER", acme.ownerToken(),
                "OP1", acme.token(Scope.WORKSPACE, "ws-1", "WORKSPACE_OPERATOR"),
                "OP2", acme.token(Scope.WORKSPACE, "ws-2", "WORKSPACE_OPERATOR"),
                "AUTHOR1", acme.token(Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR"));
    }

    @AfterAll
    static void stop() {
        b.close();
    }

    @ParameterizedTest(name = "{0} replaces {1} roles with {2} -> {3}")
    @CsvSource({
            // caller, target, new roles,                                                                   answer
            "OWNER,   WS,  WORKSPACE:ws-1:WORKSPACE_AUTHOR,                                                  OK",
            "OWNER,   WS,  WORKSPACE:ws-1:WORKSPACE_MEMBER,                                                  OK",
            "OWNER,   WS,  WORKSPACE:ws-1:WORKSPACE_MEMBER;DEPLOYMENT:dep-2:DEPLOYMENT_ADMIN,                INVALID_INPUT",
            "OWNER,   WS,  WORKSPACE:ws-1:WORKSPACE_MEMBER;DEPLOYMENT:dep-404:DEPLOYMENT_ADMIN,              NOT_FOUND",
            "OWNER,   DEP, DEPLOYMENT:dep-1:DEPLOYMENT_ADMIN;DAG:etl:DAG_VIEWER:dep-1,                       OK",
            "OWNER,   DEP, DEPLOYMENT:dep-1:DEPLOYMENT_ADMIN;DAG:etl:DAG_AUTHOR:dep-2,                       INVALID_INPUT",
            "OWNER,   ORG, ORGANIZATION:acme:ORGANIZATION_MEMBER,                                            OK",
            "OP1,     WS,  WORKSPACE:ws-1:WORKSPACE_ACCESSOR,                                                OK",
            "OP1,     WS,  WORKSPACE:ws-1:WORKSPACE_OWNER,                                                   DENIED",
            "OP1,     DEP, DEPLOYMENT:dep-1:DEPLOYMENT_ADMIN;DAG:etl:DAG_VIEWER:dep-1,                       REFUSED",
            "OP2,     WS,  WORKSPACE:ws-1:WORKSPACE_ACCESSOR,                                                REFUSED",
            "OP2,     WS,  WORKSPACE:ws-1:WORKSPACE_MEMBER,                                                  REFUSED",
            "OP2,     WS,  WORKSPACE:ws-1:WORKSPACE_MEMBER;DEPLOYMENT:dep-2:DEPLOYMENT_ADMIN,                REFUSED",
            "OP2,     WS,  WORKSPACE:ws-1:WORKSPACE_MEMBER;DEPLOYMENT:dep-404:DEPLOYMENT_ADMIN,              REFUSED",
            "AUTHOR1, WS,  WORKSPACE:ws-1:WORKSPACE_ACCESSOR,                                                REFUSED",
            // An organization token it cannot manage: a workspace operator changes the entries in its own workspace.
            "OP1,     ORG, ORGANIZATION:acme:ORGANIZATION_MEMBER;WORKSPACE:ws-1:WORKSPACE_AUTHOR,            OK",
            "OP1,     ORG, ORGANIZATION:acme:ORGANIZATION_MEMBER,                                            OK",
            "OP1,     ORG, ORGANIZATION:acme:ORGANIZATION_MEMBER;WORKSPACE:ws-1:WORKSPACE_MEMBER,            OK",
            "OP1,     ORG, ORGANIZATION:acme:ORGANIZATION_MEMBER;WORKSPACE:ws-1:WORKSPACE_OWNER,             DENIED",
            "OP1,     ORG, ORGANIZATION:acme:ORGANIZATION_OWNER;WORKSPACE:ws-1:WORKSPACE_MEMBER,             DENIED",
            "OP1,     ORG, ORGANIZATION:acme:ORGANIZATION_MEMBER;WORKSPACE:ws-1:WORKSPACE_MEMBER;WORKSPACE:ws-2:WORKSPACE_MEMBER, DENIED",
            "OP1,     ORG, ORGANIZATION:acme:ORGANIZATION_MEMBER;WORKSPACE:ws-1:WORKSPACE_MEMBER;DEPLOYMENT:dep-2:DEPLOYMENT_ADMIN, DENIED",
            // One that holds nothing in its workspace yet: it may add an entry there, and learns nothing else.
            "OP2,     ORG, ORGANIZATION:acme:ORGANIZATION_MEMBER;WORKSPACE:ws-1:WORKSPACE_MEMBER;WORKSPACE:ws-2:WORKSPACE_MEMBER, OK",
            "OP2,     ORG, ORGANIZATION:acme:ORGANIZATION_MEMBER;WORKSPACE:ws-1:WORKSPACE_MEMBER,            REFUSED",
            "OP2,     ORG, ORGANIZATION:acme:ORGANIZATION_MEMBER;WORKSPACE:ws-1:WORKSPACE_AUTHOR,            REFUSED",
            "AUTHOR1, ORG, ORGANIZATION:acme:ORGANIZATION_MEMBER;WORKSPACE:ws-1:WORKSPACE_MEMBER,            REFUSED",
    })
    void replaceMatrix(String caller, String target, String roles, String answer) {
        IssuedToken owner = callers.get("OWNER");
        IssuedToken t = switch (target) {
            case "ORG" -> {
                IssuedToken org = b.token(owner, "acme", Scope.ORGANIZATION, "acme", "ORGANIZATION_MEMBER");
                b.roles(owner, org, inputs(ORG_ROLES));
                yield org;
            }
            case "WS" -> b.token(owner, "acme", Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER");
            default -> b.token(owner, "acme", Scope.DEPLOYMENT, "dep-1", "DEPLOYMENT_ADMIN");
        };
        List<RoleAssignment> before = stored(t);
        ReplaceRoles replace = b.bean(ReplaceRoles.class);
        Caller by = b.caller(callers.get(caller));
        if (answer.equals("OK")) {
            ApiToken after = replace.replace(by, "acme", t.token().id(), inputs(roles));
            assertEquals(assignments(roles), new HashSet<>(after.grant().roles()));
            assertEquals(assignments(roles), new HashSet<>(stored(t)));
            return;
        }
        LatchkeyException e = assertThrows(LatchkeyException.class, () -> replace.replace(by, "acme", t.token().id(), inputs(roles)));
        String refusal = "Your token may not change the roles of token " + t.token().id();
        switch (answer) {
            case "REFUSED" -> {
                assertEquals(LatchkeyException.Kind.FORBIDDEN, e.kind());
                assertEquals(refusal, e.getMessage());
            }
            case "DENIED" -> {
                assertEquals(LatchkeyException.Kind.FORBIDDEN, e.kind());
                assertNotEquals(refusal, e.getMessage());
            }
            default -> assertEquals(LatchkeyException.Kind.valueOf(answer), e.kind());
        }
        assertEquals(before, stored(t), "a refused replacement changes nothing");
    }

    @org.junit.jupiter.api.Test
    void aRoleSetHoldsAtMostFiftyEntries() {
        IssuedToken owner = callers.get("OWNER");
        IssuedToken t = b.token(owner, "acme", Scope.DEPLOYMENT, "dep-1", "DEPLOYMENT_ADMIN");
        List<RoleInput> fifty = new java.util.ArrayList<>(inputs("DEPLOYMENT:dep-1:DEPLOYMENT_ADMIN"));
        for (int i = 1; i < 50; i++) {
            fifty.add(new RoleInput("DAG", "dag-" + i, "DAG_VIEWER", "dep-1"));
        }
        assertEquals(50, b.bean(ReplaceRoles.class).replace(b.caller(owner), "acme", t.token().id(), fifty).grant().roles().size());
        fifty.add(new RoleInput("DAG", "dag-50", "DAG_VIEWER", "dep-1"));
        LatchkeyException e = assertThrows(LatchkeyException.class,
                () -> b.bean(ReplaceRoles.class).replace(b.caller(owner), "acme", t.token().id(), fifty));
        assertEquals("TOO_MANY", e.fieldErrors().get(0).code());
        assertEquals(50, stored(t).size());
    }

    static List<RoleAssignment> stored(IssuedToken t) {
        return b.bean(ManagedTokens.class).load(b.caller(callers.get("OWNER")), "acme", t.token().id()).grant().roles();
    }

    static List<RoleInput> inputs(String roles) {
        return Arrays.stream(roles.split(";")).map(r -> r.split(":"))
                .map(p -> new RoleInput(p[0], p[1], p[2], p.length > 3 ? p[3] : null)).toList();
    }

    static HashSet<RoleAssignment> assignments(String roles) {
        return new HashSet<>(inputs(roles).stream().map(r -> new RoleAssignment(dev.latchkey.domain.EntityType.valueOf(r.entityType()),
                r.entityId(), dev.latchkey.domain.Role.valueOf(r.role()), r.deploymentId())).toList());
    }
}
