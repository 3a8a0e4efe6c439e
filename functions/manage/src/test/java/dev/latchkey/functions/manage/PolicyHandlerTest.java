package dev.latchkey.functions.manage;

import dev.latchkey.domain.Scope;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.testing.HttpEvent;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.testing.Backend;
import dev.latchkey.usecase.CreateToken;
import dev.latchkey.usecase.CreateTokenCommand;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RotateToken;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET/PUT /v1/organizations/{organizationId}/policy} and its enforcement on create and rotate. */
class PolicyHandlerTest {

    @RegisterExtension
    static final LambdaHarness lambda = LambdaHarness.perClass();
    static IssuedToken owner;
    static IssuedToken operator;
    static final String PATH = "/v1/organizations/acme/policy";

    @BeforeAll
    static void seed() {
        Backend b = lambda.backend();
        Seed seed = Seed.organization(b, "acme").workspace("ws-1");
        owner = seed.ownerToken();
        operator = seed.token(Scope.WORKSPACE, "ws-1", "WORKSPACE_OPERATOR");
    }

    static LambdaResponse put(String json) {
        return lambda.invoke(HttpEvent.request("PUT", PATH).bearer(owner.value()).json(json));
    }

    @Test
    void theDefaultLimitsNothingAndAPolicyIsEnforced() {
        LambdaResponse initial = lambda.invoke(HttpEvent.request("GET", PATH).bearer(owner.value()));
        assertEquals(200, initial.status());
        assertTrue(initial.json().get("maxExpiryDays").isNull());
        assertTrue(initial.json().get("allowDirectAccess").asBoolean());

        LambdaResponse set = put("{\"maxExpiryDays\":30,\"requireExpiry\":true,\"maxGracePeriodSeconds\":60}");
        assertEquals(200, set.status(), set.body());
        assertEquals(30, lambda.invoke(HttpEvent.request("GET", PATH).bearer(owner.value())).json().get("maxExpiryDays").asInt());

        CreateToken create = lambda.backend().bean(CreateToken.class);
        var caller = lambda.backend().caller(owner);
        LatchkeyException noExpiry = assertThrows(LatchkeyException.class, () -> create.create(caller, "acme",
                new CreateTokenCommand("t", null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", null, null), null));
        assertEquals("REQUIRED_BY_POLICY", noExpiry.fieldErrors().get(0).code());
        LatchkeyException tooLong = assertThrows(LatchkeyException.class, () -> create.create(caller, "acme",
                new CreateTokenCommand("t", null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", 31, null), null));
        assertEquals("ABOVE_POLICY", tooLong.fieldErrors().get(0).code());
        IssuedToken ok = create.create(caller, "acme", new CreateTokenCommand("t", null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", 30, null), null);

        RotateToken rotate = lambda.backend().bean(RotateToken.class);
        assertEquals(LatchkeyException.Kind.INVALID_INPUT,
                assertThrows(LatchkeyException.class, () -> rotate.rotate(caller, "acme", ok.token().id(), 61L)).kind());
        rotate.rotate(caller, "acme", ok.token().id(), 60L);

        assertEquals(200, put("{}").status(), "an empty policy lifts every limit");
        create.create(caller, "acme", new CreateTokenCommand("t", null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", null, null), null);
    }

    @Test
    void requireAllowedCidrsIsOffByDefaultAndReadBackAsSet() {
        assertFalse(lambda.invoke(HttpEvent.request("GET", PATH).bearer(owner.value())).json().get("requireAllowedCidrs").asBoolean());
        LambdaResponse set = put("{\"requireAllowedCidrs\":true}");
        assertEquals(200, set.status(), set.body());
        assertTrue(set.json().get("requireAllowedCidrs").asBoolean());
        assertTrue(lambda.invoke(HttpEvent.request("GET", PATH).bearer(owner.value())).json().get("requireAllowedCidrs").asBoolean());
        LatchkeyException unbound = assertThrows(LatchkeyException.class, () -> lambda.backend().bean(CreateToken.class).create(
                lambda.backend().caller(owner), "acme", new CreateTokenCommand("t", null, Scope.WORKSPACE, "ws-1", "WORKSPACE_MEMBER", null, null), null));
        assertEquals("REQUIRED_BY_POLICY", unbound.fieldErrors().get(0).code());
        put("{}");
        assertFalse(lambda.invoke(HttpEvent.request("GET", PATH).bearer(owner.value())).json().get("requireAllowedCidrs").asBoolean());
    }

    @Test
    void onlyOwnersReadOrChangeIt() {
        assertEquals(403, lambda.invoke(HttpEvent.request("GET", PATH).bearer(operator.value())).status());
        assertEquals(403, lambda.invoke(HttpEvent.request("PUT", PATH).bearer(operator.value()).json("{}")).status());
        assertEquals(401, lambda.invoke(HttpEvent.request("GET", PATH)).status());
        assertEquals(404, lambda.invoke(HttpEvent.request("GET", "/v1/organizations/globex/policy").bearer(owner.value())).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"maxExpiryDays\":0}", "{\"maxExpiryDays\":3651}", "{\"maxExpiryDays\":\"30\"}", "{\"requireExpiry\":\"yes\"}",
            "{\"requireExpiry\":1}", "{\"requireAllowedCidrs\":\"yes\"}", "{\"maxGracePeriodSeconds\":-1}", "{\"maxGracePeriodSeconds\":99999999}", "[]", "{bad", "null"})
    void badPoliciesAre400AndChangeNothing(String body) {
        put("{\"maxExpiryDays\":90}");
        LambdaResponse r = put(body);
        assertEquals(400, r.status(), r.body());
        r.errorBody();
        assertEquals(90, lambda.invoke(HttpEvent.request("GET", PATH).bearer(owner.value())).json().get("maxExpiryDays").asInt());
        put("{}");
    }

    @Test
    void hygieneFieldsRoundTripAndDefault() {
        LambdaResponse set = put("{\"maxIdleDays\":30,\"expiryNoticeDays\":14}");
        assertEquals(200, set.status(), set.body());
        var read = lambda.invoke(HttpEvent.request("GET", PATH).bearer(owner.value())).json();
        assertEquals(30, read.get("maxIdleDays").asInt());
        assertEquals(14, read.get("expiryNoticeDays").asInt());
        assertEquals(0, put("{\"expiryNoticeDays\":0}").json().get("expiryNoticeDays").asInt(), "0 turns the notice off");
        var cleared = put("{}").json();
        assertTrue(cleared.get("maxIdleDays").isNull(), "no idle limit unless set");
        assertEquals(7, cleared.get("expiryNoticeDays").asInt(), "the default notice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"maxIdleDays\":0}", "{\"maxIdleDays\":-5}", "{\"maxIdleDays\":3651}", "{\"maxIdleDays\":\"30\"}",
            "{\"expiryNoticeDays\":-1}", "{\"expiryNoticeDays\":91}", "{\"expiryNoticeDays\":true}", "{\"maxIdleDays\":1.5}"})
    void badHygieneFieldsAre400NamingTheFieldAndChangeNothing(String body) {
        put("{\"maxIdleDays\":90,\"expiryNoticeDays\":3}");
        LambdaResponse r = put(body);
        assertEquals(400, r.status(), r.body());
        String field = body.contains("maxIdleDays") ? "maxIdleDays" : "expiryNoticeDays";
        assertTrue(r.body().contains(field), r.body());
        var read = lambda.invoke(HttpEvent.request("GET", PATH).bearer(owner.value())).json();
        assertEquals(90, read.get("maxIdleDays").asInt());
        assertEquals(3, read.get("expiryNoticeDays").asInt());
        put("{}");
    }
}
