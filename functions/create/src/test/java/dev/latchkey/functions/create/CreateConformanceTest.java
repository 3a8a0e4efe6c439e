package dev.latchkey.functions.create;

import dev.latchkey.http.testing.AstroApi;
import dev.latchkey.http.testing.ConformanceScene;
import dev.latchkey.http.testing.LambdaResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.latchkey.http.testing.ConformanceScene.DEPLOYMENT;
import static dev.latchkey.http.testing.ConformanceScene.ORG;
import static dev.latchkey.http.testing.ConformanceScene.WORKSPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** CreateApiToken: Astro-shaped requests of each scope (v1beta1's {@code type}, v1's {@code scope}) and their answers. */
class CreateConformanceTest {

    @RegisterExtension
    static final ConformanceScene.InLambda fixture = ConformanceScene.inLambda();

    private static String body(String scopeField, String scope, String entityId, String role) {
        return "{\"name\":\"conformance " + scope + "\",\"description\":\"made to Astro's schema\",\"" + scopeField + "\":\"" + scope
                + "\"" + (entityId == null ? "" : ",\"entityId\":\"" + entityId + "\"") + ",\"role\":\"" + role
                + "\",\"tokenExpiryPeriodInDays\":30}";
    }

    @ParameterizedTest
    @CsvSource({"ORGANIZATION,, ORGANIZATION_MEMBER", "WORKSPACE, " + WORKSPACE + ", WORKSPACE_AUTHOR",
            "DEPLOYMENT, " + DEPLOYMENT + ", DEPLOYMENT_ADMIN"})
    void eachScopeInEachDocumentsRequestShape(String scope, String entityId, String role) {
        String beta = body("type", scope, entityId, role);
        AstroApi.V1BETA1.assertRequest("CreateApiToken", beta);
        String v1 = body("scope", scope, entityId, role);
        AstroApi.V1.assertRequest("CreateApiToken", v1);
        for (String json : new String[]{beta, v1}) {
            LambdaResponse response = ConformanceScene.call(fixture.lambda(), "POST", ConformanceScene.tokensPath(), json, fixture.scene().owner);
            // The answer carries the new value: its body stays out of assertion messages.
            assertEquals(200, response.status(), response.status() >= 400 ? response.body() : "(body withheld)");
            AstroApi.assertConforms("CreateApiToken", response);
        }
    }

    @Test
    void errorsAnswerTheErrorSchema() {
        String path = ConformanceScene.tokensPath();
        String ok = body("type", "WORKSPACE", WORKSPACE, "WORKSPACE_MEMBER");
        ConformanceScene.assertError("CreateApiToken", 401, ConformanceScene.call(fixture.lambda(), "POST", path, ok, null));
        ConformanceScene.assertError("CreateApiToken", 404, ConformanceScene.call(fixture.lambda(), "POST", path, ok, fixture.scene().otherOwner));
        ConformanceScene.assertError("CreateApiToken", 403, ConformanceScene.call(fixture.lambda(), "POST", path, ok, fixture.scene().workspaceMember));
        ConformanceScene.assertError("CreateApiToken", 404, ConformanceScene.call(fixture.lambda(), "POST", path,
                body("type", "WORKSPACE", "ws-unregistered", "WORKSPACE_MEMBER"), fixture.scene().owner));
        String beyondAstro = ok.replace("\"tokenExpiryPeriodInDays\":30", "\"tokenExpiryPeriodInDays\":3651");
        assertThrows(AssertionError.class, () -> AstroApi.V1BETA1.assertRequest("CreateApiToken", beyondAstro));
        ConformanceScene.assertError("CreateApiToken", 400, ConformanceScene.call(fixture.lambda(), "POST", path, beyondAstro, fixture.scene().owner));
        ConformanceScene.assertError("CreateApiToken", 400, ConformanceScene.call(fixture.lambda(), "POST", path,
                ok.replace("made to Astro's schema", "d".repeat(501)), fixture.scene().owner));
        ConformanceScene.assertError("CreateApiToken", 400, ConformanceScene.call(fixture.lambda(), "POST", path, "{\"name\":\"x\"}", fixture.scene().owner));
    }
}
