package dev.latchkey.functions.revoke;

import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.store.TokenStore;
import dev.latchkey.testing.Backend;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.ValidateToken;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code DELETE /v1/organizations/{organizationId}/tokens/{tokenId}} through the Lambda handler, with payload-2.0 events
 * as API Gateway sends them. Token values are never put into assertion messages.
 */
class RevokeHandlerTest {

    static final String ORG = "acme";
    static final String OTHER_ORG = "globex";

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static IssuedToken owner;
    static IssuedToken operator;
    static IssuedToken otherOwner;

    @BeforeAll
    static void seed() {
        Backend b = lambda.backend();
        Seed seed = Seed.organization(b, ORG).workspace("ws-data").deployment("dep-etl", "ws-data");
        owner = seed.ownerToken();
        operator = seed.token(Scope.WORKSPACE, "ws-data", "WORKSPACE_OPERATOR");
        otherOwner = b.owner(OTHER_ORG);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A fresh workspace token to revoke, so that tests do not share state. */
    static IssuedToken target() {
        return lambda.backend().token(owner, ORG, Scope.WORKSPACE, "ws-data", "WORKSPACE_MEMBER");
    }

    static String path(String organizationId, String tokenId) {
        return "/v1/organizations/" + organizationId + "/tokens/" + tokenId;
    }

    static LambdaResponse delete(IssuedToken as, IssuedToken target) {
        return lambda.invoke(HttpEvent.request("DELETE", path(ORG, target.token().id())).bearer(as.value()));
    }

    static boolean stored(IssuedToken t) {
        return lambda.backend().bean(TokenStore.class).find(t.token().organizationId(), t.token().id()).isPresent();
    }

    /** Validate as the validate function would, now ({@link LambdaHarness#validateNow}). */
    static ValidateToken.Code validate(String value) {
        return lambda.validateNow(value);
    }

    /** An error with the error body of docs/design.md §8, and the target still stored and still working. */
    static void assertRefusedAndAlive(int status, LambdaResponse response, IssuedToken target) {
        assertEquals(status, response.status(), response.status() >= 400 ? response.body() : "status " + response.status());
        assertTrue(response.header("content-type").startsWith("application/json"), "errors are JSON");
        response.errorBody();
        assertTrue(stored(target), "the token is still stored");
        assertEquals(ValidateToken.Code.VALID, validate(target.value()), "the token still works");
    }

    // ---- success ------------------------------------------------------------------------------------------------

    @Test
    void deleteIs204WithAnEmptyBodyAndTheValueIsRevokedAtOnce() {
        IssuedToken t = target();
        assertEquals(ValidateToken.Code.VALID, validate(t.value()), "precondition");

        LambdaResponse response = delete(owner, t);

        assertEquals(204, response.status(), response.status() >= 400 ? response.body() : "status " + response.status());
        assertEquals("", response.body(), "204 has no body");
        assertEquals(ValidateToken.Code.REVOKED, validate(t.value()), "dead on the very next validate");
        assertFalse(stored(t), "the token is gone");
    }

    @Test
    void aSecondDeleteIs404() {
        IssuedToken t = target();
        assertEquals(204, delete(owner, t).status(), "first delete");

        LambdaResponse again = delete(owner, t);
        assertEquals(404, again.status(), again.body());
        again.errorBody();
        assertEquals(ValidateToken.Code.REVOKED, validate(t.value()), "still dead");
    }

    @Test
    void aRevokedTokenNoLongerAuthenticates() {
        IssuedToken self = lambda.backend().token(owner, ORG, Scope.WORKSPACE, "ws-data", "WORKSPACE_OPERATOR");
        IssuedToken victim = target();
        assertEquals(204, delete(owner, self).status(), "revoke the caller-to-be");

        assertRefusedAndAlive(401, delete(self, victim), victim);
    }

    @Test
    void aRotatedTokenInItsGracePeriodDiesWhole() {
        IssuedToken t = target();
        IssuedToken rotated = lambda.backend().bean(dev.latchkey.usecase.RotateToken.class)
                .rotate(lambda.backend().caller(owner), ORG, t.token().id(), 3600L);
        assertEquals(ValidateToken.Code.VALID, validate(t.value()), "precondition: old value in its grace");

        assertEquals(204, delete(owner, t).status());
        assertEquals(ValidateToken.Code.REVOKED, validate(t.value()), "the previous value dies too");
        assertEquals(ValidateToken.Code.REVOKED, validate(rotated.value()), "the current value dies");
    }

    @Test
    void aWorkspaceOperatorMayRevokeAWorkspaceToken() {
        IssuedToken t = target();
        LambdaResponse response = delete(operator, t);
        assertEquals(204, response.status(), response.status() >= 400 ? response.body() : "status " + response.status());
        assertEquals(ValidateToken.Code.REVOKED, validate(t.value()));
    }

    // ---- authentication and authorization ----------------------------------------------------------------------

    @Test
    void noBearerIs401() {
        IssuedToken t = target();
        LambdaResponse response = lambda.invoke(HttpEvent.request("DELETE", path(ORG, t.token().id())));
        assertRefusedAndAlive(401, response, t);
        assertEquals("Bearer", response.header("www-authenticate"));
    }

    @Test
    void badBearerIs401() {
        IssuedToken t = target();
        for (String auth : new String[]{"Bearer not-a-token", "Bearer lkw_" + "A".repeat(43) + "000000", "Basic dXNlcjpwYXNz", "Bearer "}) {
            LambdaResponse response = lambda.invoke(HttpEvent.request("DELETE", path(ORG, t.token().id())).header("authorization", auth));
            assertRefusedAndAlive(401, response, t);
        }
    }

    @Test
    void aWorkspaceOperatorMayNotRevokeAnOrganizationToken() {
        IssuedToken orgToken = lambda.backend().token(owner, ORG, Scope.ORGANIZATION, ORG, "ORGANIZATION_MEMBER");
        assertRefusedAndAlive(403, delete(operator, orgToken), orgToken);
    }

    @Test
    void aWorkspaceOperatorMayNotRevokeADeploymentToken() {
        IssuedToken depToken = lambda.backend().token(owner, ORG, Scope.DEPLOYMENT, "dep-etl", "DEPLOYMENT_ADMIN");
        assertRefusedAndAlive(403, delete(operator, depToken), depToken);
    }

    @Test
    void anotherOrganizationGets404() {
        IssuedToken t = target();
        LambdaResponse response = delete(otherOwner, t);
        assertRefusedAndAlive(404, response, t);
        assertFalse(response.body().contains("ws-data"), "a 404 for another organization says nothing about its tokens");
    }

    @Test
    void anotherOrganizationsPathWithItsOwnTokenIdIs404() {
        IssuedToken t = target();
        LambdaResponse response = lambda.invoke(HttpEvent.request("DELETE", path(OTHER_ORG, t.token().id())).bearer(otherOwner.value()));
        assertRefusedAndAlive(404, response, t);
    }

    // ---- bad input ----------------------------------------------------------------------------------------------

    @Test
    void anUnknownWellFormedTokenIdIs404() {
        LambdaResponse response = lambda.invoke(HttpEvent.request("DELETE", path(ORG, "c0123456789abcdefghijklmn")).bearer(owner.value()));
        assertEquals(404, response.status(), response.body());
        response.errorBody();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", "..x", "caaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "c0123456789abcdefghijklmn.."})
    void aTokenIdThatIsNoIdIs400(String tokenId) {
        IssuedToken t = target();
        LambdaResponse response = lambda.invoke(HttpEvent.request("DELETE", path(ORG, tokenId)).bearer(owner.value()));
        assertRefusedAndAlive(400, response, t);
    }

    @Test
    void aBadOrganizationIdIs400() {
        IssuedToken t = target();
        LambdaResponse response = lambda.invoke(HttpEvent.request("DELETE", path("a..b", t.token().id())).bearer(owner.value()));
        assertRefusedAndAlive(400, response, t);
    }
}
