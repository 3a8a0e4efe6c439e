package dev.latchkey.functions.rotate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.Scope;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.store.TokenStore;
import dev.latchkey.testing.Backend;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.OrganizationPolicies;
import dev.latchkey.usecase.PolicyRequest;
import dev.latchkey.usecase.ValidateToken;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/organizations/{organizationId}/tokens/{tokenId}/rotate} through the Lambda handler, with payload-2.0
 * events as API Gateway sends them. Token values are never put into assertion messages.
 */
class RotateHandlerTest {

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

    /** The body for an assertion message, unless it is a success that may carry a token value. */
    static String describe(LambdaResponse response) {
        return response.status() >= 400 ? response.body() : "status " + response.status() + " (body withheld: it may carry a token value)";
    }

    /** A fresh workspace token to rotate, so that tests do not share state. */
    static IssuedToken target() {
        return lambda.backend().token(owner, ORG, Scope.WORKSPACE, "ws-data", "WORKSPACE_MEMBER");
    }

    static String path(String tokenId) {
        return "/v1/organizations/" + ORG + "/tokens/" + tokenId + "/rotate";
    }

    static LambdaResponse rotate(IssuedToken as, IssuedToken target, String body) {
        return lambda.invoke(HttpEvent.request("POST", path(target.token().id())).bearer(as.value()).json(body));
    }

    static ApiToken stored(IssuedToken t) {
        return lambda.backend().bean(TokenStore.class).find(t.token().organizationId(), t.token().id()).orElseThrow();
    }

    /** Validate as the validate function would, now ({@link LambdaHarness#validateNow}). */
    static ValidateToken.Code validate(String value) {
        return lambda.validateNow(value);
    }

    /** An error with the error body of docs/design.md §8, and the target exactly as it was: same value live, same short token, not rotated. */
    static JsonNode assertRefusedAndUnchanged(int status, LambdaResponse response, IssuedToken target) {
        return assertRefusedAndUnchanged(status, response, target, "");
    }

    static JsonNode assertRefusedAndUnchanged(int status, LambdaResponse response, IssuedToken target, String request) {
        assertEquals(status, response.status(), request + " -> " + describe(response));
        assertTrue(response.header("content-type").startsWith("application/json"), "errors are JSON");
        JsonNode error = response.errorBody();
        assertFalse(error.has("token"), "an error never carries a token value");
        ApiToken now = stored(target);
        assertEquals(target.token().values().shortToken(), now.values().shortToken(), "shortToken unchanged");
        assertEquals(target.token().history().version(), now.history().version(), "token not written");
        assertNull(now.history().lastRotatedAt(), "not rotated");
        assertEquals(ValidateToken.Code.VALID, validate(target.value()), "the current value still works");
        return error;
    }

    // ---- success ------------------------------------------------------------------------------------------------

    @Test
    void rotationAnswers200WithANewValueUnderTheSameId() {
        IssuedToken t = target();
        LambdaResponse response = rotate(owner, t, "{}");

        assertEquals(200, response.status(), "status");
        assertTrue(response.header("content-type").startsWith("application/json"), "content-type");
        JsonNode body = response.json();
        assertEquals(t.token().id(), body.get("id").asText(), "same id");
        assertEquals("WORKSPACE", body.get("scope").asText());
        assertEquals("ws-data", body.get("entityId").asText());
        assertTrue(body.hasNonNull("lastRotatedAt"), "lastRotatedAt is set");
        assertTrue(body.hasNonNull("token"), "rotate shows the new value");
        String value = body.get("token").asText();
        assertTrue(value.startsWith("lkw_"), "a workspace value");
        assertFalse(value.equals(t.value()), "a new value");
        assertTrue(body.get("shortToken").asText().endsWith(value.substring(value.length() - 4)), "shortToken of the new value");
        assertFalse(body.get("shortToken").asText().equals(t.token().values().shortToken()), "shortToken changed");
        assertEquals("SERVICEKEY", body.get("updatedBy").get("subjectType").asText());
        assertEquals(owner.token().id(), body.get("updatedBy").get("id").asText(), "updatedBy is the caller");
        assertEquals("WORKSPACE_MEMBER", body.get("roles").get(0).get("role").asText(), "roles kept");

        assertEquals(ValidateToken.Code.REVOKED, validate(t.value()), "the old value dies at once (grace 0)");
        assertEquals(ValidateToken.Code.VALID, validate(value), "the new value works");
        ApiToken stored = stored(t);
        assertEquals(body.get("shortToken").asText(), stored.values().shortToken());
        assertTrue(stored.history().lastRotatedAt() != null, "lastRotatedAt stored");
    }

    @Test
    void rotationWithoutABodyOrContentTypeWorks() {
        IssuedToken t = target();
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", path(t.token().id())).bearer(owner.value()));

        assertEquals(200, response.status(), describe(response));
        JsonNode body = response.json();
        assertEquals(t.token().id(), body.get("id").asText());
        String value = body.get("token").asText();
        assertEquals(ValidateToken.Code.REVOKED, validate(t.value()), "default grace is 0");
        assertEquals(ValidateToken.Code.VALID, validate(value));
    }

    @Test
    void aGracePeriodKeepsTheOldValueWorking() {
        IssuedToken t = target();
        LambdaResponse response = rotate(owner, t, "{\"gracePeriodSeconds\":60}");

        assertEquals(200, response.status(), describe(response));
        String value = response.json().get("token").asText();
        assertEquals(ValidateToken.Code.VALID, validate(t.value()), "the old value works during the grace period");
        assertEquals(ValidateToken.Code.VALID, validate(value), "so does the new one");
    }

    /** API Gateway need not pass a {@code content-length}; the body is read from the event all the same. */
    @Test
    void aGracePeriodIsHonouredWithoutAContentLengthHeader() {
        IssuedToken t = target();
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", path(t.token().id())).bearer(owner.value())
                .json("{\"gracePeriodSeconds\":60}").without("content-length"));

        assertEquals(200, response.status(), describe(response));
        assertEquals(ValidateToken.Code.VALID, validate(t.value()), "the old value works during the grace period");
        assertEquals(ValidateToken.Code.VALID, validate(response.json().get("token").asText()), "so does the new one");
    }

    @Test
    void malformedJsonWithoutAContentLengthHeaderIs400AndChangesNothing() {
        IssuedToken t = target();
        assertRefusedAndUnchanged(400, lambda.invoke(HttpEvent.request("POST", path(t.token().id())).bearer(owner.value())
                .json("{bad").without("content-length")), t);
    }

    /** EventBodies reads this route's optional body from the event; a base64 flag over text that is not base64 is a 400. */
    @Test
    void aBase64FlaggedBodyThatIsNotBase64Is400AndChangesNothing() {
        IssuedToken t = target();
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", path(t.token().id())).bearer(owner.value())
                .header("content-type", "application/json").base64Text("{\"gracePeriodSeconds\":60}"));
        JsonNode error = assertRefusedAndUnchanged(400, response, t);
        assertEquals("body", error.get("fieldErrors").get(0).get("field").asText(), response.body());
    }

    @Test
    void aSecondRotationEndsThePreviousGraceAndKillsTheValueBeforeIt() {
        IssuedToken t = target();
        LambdaResponse first = rotate(owner, t, "{\"gracePeriodSeconds\":60}");
        assertEquals(200, first.status(), "first rotation");
        String second = first.json().get("token").asText();
        LambdaResponse again = rotate(owner, t, "{\"gracePeriodSeconds\":60}");
        assertEquals(200, again.status(), "second rotation");
        String third = again.json().get("token").asText();

        assertEquals(ValidateToken.Code.REVOKED, validate(t.value()), "the value two rotations back is dead");
        assertEquals(ValidateToken.Code.VALID, validate(second), "the value just replaced has its grace");
        assertEquals(ValidateToken.Code.VALID, validate(third));
    }

    @Test
    void aTokenMayRotateItselfAndTheOldValueNoLongerAuthenticates() {
        IssuedToken self = lambda.backend().token(owner, ORG, Scope.WORKSPACE, "ws-data", "WORKSPACE_OPERATOR");
        LambdaResponse response = rotate(self, self, "{}");
        assertEquals(200, response.status(), describe(response));

        LambdaResponse withOld = rotate(self, self, "{}");
        assertEquals(401, withOld.status(), "the rotated-out value is refused as a bearer");
        withOld.errorBody();
    }

    // ---- authentication and authorization ----------------------------------------------------------------------

    @Test
    void noBearerIs401() {
        IssuedToken t = target();
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", path(t.token().id())).json("{}"));
        assertRefusedAndUnchanged(401, response, t);
        assertEquals("Bearer", response.header("www-authenticate"));
    }

    @Test
    void badBearerIs401() {
        IssuedToken t = target();
        for (String auth : new String[]{"Bearer not-a-token", "Bearer lkw_" + "A".repeat(43) + "000000", "Basic dXNlcjpwYXNz"}) {
            LambdaResponse response = lambda.invoke(HttpEvent.request("POST", path(t.token().id()))
                    .header("authorization", auth).json("{}"));
            assertRefusedAndUnchanged(401, response, t);
        }
    }

    @Test
    void aWorkspaceOperatorMayNotRotateAnOrganizationToken() {
        IssuedToken orgToken = lambda.backend().token(owner, ORG, Scope.ORGANIZATION, ORG, "ORGANIZATION_MEMBER");
        assertRefusedAndUnchanged(403, rotate(operator, orgToken, "{}"), orgToken);
    }

    @Test
    void aWorkspaceOperatorMayNotRotateADeploymentToken() {
        IssuedToken depToken = lambda.backend().token(owner, ORG, Scope.DEPLOYMENT, "dep-etl", "DEPLOYMENT_ADMIN");
        assertRefusedAndUnchanged(403, rotate(operator, depToken, "{}"), depToken);
    }

    @Test
    void aWorkspaceOperatorMayRotateAWorkspaceToken() {
        IssuedToken t = target();
        LambdaResponse response = rotate(operator, t, "{}");
        assertEquals(200, response.status(), describe(response));
        assertEquals(operator.token().id(), response.json().get("updatedBy").get("id").asText());
    }

    @Test
    void anotherOrganizationGets404() {
        IssuedToken t = target();
        assertRefusedAndUnchanged(404, rotate(otherOwner, t, "{}"), t);
    }

    // ---- bad input ----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"{\"gracePeriodSeconds\":-1}", "{\"gracePeriodSeconds\":604801}",
            "{\"gracePeriodSeconds\":9223372036854775807}"})
    void aGracePeriodOutOfRangeIs400AndChangesNothing(String body) {
        IssuedToken t = target();
        JsonNode error = assertRefusedAndUnchanged(400, rotate(owner, t, body), t, body);
        assertEquals("gracePeriodSeconds", error.get("fieldErrors").get(0).get("field").asText());
    }

    @Test
    void theLongestGracePeriodIsAccepted() {
        IssuedToken t = target();
        LambdaResponse response = rotate(owner, t, "{\"gracePeriodSeconds\":604800}");
        assertEquals(200, response.status(), describe(response));
        assertEquals(ValidateToken.Code.VALID, validate(t.value()));
    }

    @Test
    void theOrganizationPolicyCapsTheGracePeriodWith400AndChangesNothing() {
        // An organization of its own: the cap must not reach the other tests' 604800 s.
        Backend b = lambda.backend();
        IssuedToken cappedOwner = b.owner("capped");
        b.workspace("capped", "ws-capped");
        b.bean(OrganizationPolicies.class).put(b.caller(cappedOwner), "capped", new PolicyRequest(null, null, 60L, null));
        IssuedToken t = b.token(cappedOwner, "capped", Scope.WORKSPACE, "ws-capped", "WORKSPACE_MEMBER");
        String path = "/v1/organizations/capped/tokens/" + t.token().id() + "/rotate";
        assertRefusedAndUnchanged(400, lambda.invoke(HttpEvent.request("POST", path).bearer(cappedOwner.value())
                .json("{\"gracePeriodSeconds\":3600}")), t);
        LambdaResponse within = lambda.invoke(HttpEvent.request("POST", path).bearer(cappedOwner.value()).json("{\"gracePeriodSeconds\":60}"));
        assertEquals(200, within.status(), describe(within));
        assertEquals(ValidateToken.Code.VALID, validate(t.value()), "60 s of grace, as the policy allows");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"gracePeriodSeconds\":\"x\"}", "{\"gracePeriodSeconds\":\"60\"}", "{\"gracePeriodSeconds\":{}}",
            "{\"gracePeriodSeconds\":[60]}", "{\"gracePeriodSeconds\":1.5}", "{\"gracePeriodSeconds\":true}", "{\"gracePeriodSeconds\":1e400}", "{\"gracePeriodSeconds\":99999999999999999999999}",
            "{bad", "{\"gracePeriodSeconds\":", "[1,2]", "\"x\"",
            // Ambiguous: which grace period would another parser see?
            "{\"gracePeriodSeconds\":0,\"gracePeriodSeconds\":604800}", "{\"gracePeriodSeconds\":0} junk",
            "{\"gracePeriodSeconds\":0}{\"gracePeriodSeconds\":604800}", "{} {}"})
    void wrongTypesAndMalformedJsonAre400AndChangeNothing(String body) {
        IssuedToken t = target();
        assertRefusedAndUnchanged(400, rotate(owner, t, body), t, body);
    }

    @Test
    void anUnknownTokenIdIs404() {
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", path("c" + "0123456789abcdefghijklmn"))
                .bearer(owner.value()).json("{}"));
        assertEquals(404, response.status(), describe(response));
        response.errorBody();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", "..x", "caaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "c0123456789abcdefghijklmn.."})
    void aTokenIdThatIsNoIdIs400(String tokenId) {
        IssuedToken t = target();
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", path(tokenId)).bearer(owner.value()).json("{}"));
        assertEquals(400, response.status(), describe(response));
        response.errorBody();
        assertEquals(ValidateToken.Code.VALID, validate(t.value()));
    }

    @Test
    void twoMebibyteBodyIs413() {
        IssuedToken t = target();
        assertRefusedAndUnchanged(413, rotate(owner, t, "{\"gracePeriodSeconds\":60,\"pad\":\"" + "p".repeat(2 * 1024 * 1024) + "\"}"), t);
    }

    @Test
    void textPlainBodyIs415() {
        IssuedToken t = target();
        LambdaResponse response = lambda.invoke(HttpEvent.request("POST", path(t.token().id())).bearer(owner.value())
                .header("content-type", "text/plain").body("{\"gracePeriodSeconds\":60}"));
        assertRefusedAndUnchanged(415, response, t);
    }
}
