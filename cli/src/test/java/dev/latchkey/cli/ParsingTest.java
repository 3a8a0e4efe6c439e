package dev.latchkey.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure decisions behind the flags: role syntax, role arithmetic, loopback, NO_PROXY, Retry-After. */
class ParsingTest {

    @Test
    void roleSpecsRoundTripAndTheEntityTypeFollowsTheRole() {
        for (String text : List.of("ORGANIZATION_OWNER@acme", "WORKSPACE_AUTHOR@ws-a", "DEPLOYMENT_ADMIN@dep-1",
                "DAG_VIEWER@dep-1/dag:nightly", "DAG_AUTHOR@dep-1/tag:finance")) {
            assertEquals(text, RoleSpec.parse(text).toString());
        }
        assertEquals("DAG_TAG", RoleSpec.parse("DAG_AUTHOR@dep-1/tag:finance").entityType());
        for (String bad : List.of("WORKSPACE_AUTHOR", "@ws", "DAG_VIEWER@dep-1", "DAG_VIEWER@dep-1/x:y", "OWNER@x")) {
            assertEquals(ExitCodes.USAGE, assertThrows(CliException.class, () -> RoleSpec.parse(bad)).exitCode, bad);
        }
    }

    @Test
    void addingOnAnEntityReplacesItsRoleAndRemovingNeedsTheExactEntry() {
        List<RoleSpec> now = List.of(RoleSpec.parse("WORKSPACE_MEMBER@a"), RoleSpec.parse("WORKSPACE_MEMBER@b"));
        List<RoleSpec> next = TokenCommands.Roles.apply(now, List.of(RoleSpec.parse("WORKSPACE_AUTHOR@a")),
                List.of(RoleSpec.parse("WORKSPACE_MEMBER@b"), RoleSpec.parse("WORKSPACE_OWNER@c")));
        assertEquals(List.of(RoleSpec.parse("WORKSPACE_AUTHOR@a")), next);
    }

    @Test
    void onlyLiteralLoopbackCountsAsLocal() {
        for (String host : List.of("localhost", "127.0.0.1", "127.9.9.9", "[::1]")) {
            assertTrue(Session.isLoopback(host), host);
        }
        for (String host : List.of("10.0.0.1", "example.com", "127.0.0.1.nip.io", "localhost.example.com")) {
            assertFalse(Session.isLoopback(host), host);
        }
        assertThrows(CliException.class, () -> Session.checkedUrl("http://10.0.0.1:8080/", false));
        Session.checkedUrl("http://10.0.0.1:8080/", true);
        Session.checkedUrl("https://api.example.com/", false);
        assertThrows(CliException.class, () -> Session.checkedUrl("ftp://127.0.0.1/", false));
    }

    @Test
    void noProxyMatchesHostsAndDomainSuffixes() {
        Proxies p = new Proxies(Map.of("no_proxy", "internal.example, .corp:8443,10.1.2.3"));
        assertTrue(p.bypassed("api.internal.example"));
        assertTrue(p.bypassed("internal.example"));
        assertTrue(p.bypassed("x.corp"));
        assertTrue(p.bypassed("10.1.2.3"));
        assertFalse(p.bypassed("notinternal.example"));
        assertTrue(new Proxies(Map.of("NO_PROXY", "*")).bypassed("anything"));
    }

    @Test
    void retryAfterIsBoundedAndAnHttpDateFallsBackToOneSecond() {
        assertEquals(3, Api.retryAfterSeconds(java.util.Optional.of("3")));
        assertEquals(Api.MAX_RETRY_WAIT_SECONDS, Api.retryAfterSeconds(java.util.Optional.of("3600")));
        assertEquals(1, Api.retryAfterSeconds(java.util.Optional.of("Wed, 21 Oct 2026 07:28:00 GMT")));
        assertEquals(1, Api.retryAfterSeconds(java.util.Optional.empty()));
    }
}
