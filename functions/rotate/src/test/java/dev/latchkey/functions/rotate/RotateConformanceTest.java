package dev.latchkey.functions.rotate;

import dev.latchkey.http.testing.AstroApi;
import dev.latchkey.http.testing.ConformanceScene;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.usecase.IssuedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RotateApiToken: Astro sends no body; the answer is the ApiToken with its new value. */
class RotateConformanceTest {

    @RegisterExtension
    static final ConformanceScene.InLambda fixture = ConformanceScene.inLambda();

    @Test
    void rotatingATokenOfEachScopeAnswersAnApiToken() {
        for (IssuedToken t : List.of(fixture.scene().organizationToken, fixture.scene().workspaceToken, fixture.scene().deploymentToken)) {
            LambdaResponse response = ConformanceScene.call(fixture.lambda(), "POST", ConformanceScene.tokenPath(t) + "/rotate", null, fixture.scene().owner);
            assertEquals(200, response.status(), response.status() >= 400 ? response.body() : "(body withheld)");
            AstroApi.assertConforms("RotateApiToken", response);
        }
        LambdaResponse dags = ConformanceScene.call(fixture.lambda(), "POST", ConformanceScene.tokenPath(fixture.scene().dagReader) + "/rotate", null, fixture.scene().owner);
        assertEquals(200, dags.status(), dags.status() >= 400 ? dags.body() : "(body withheld)");
        AstroApi.assertV1Response("RotateApiToken", dags);
    }

    @Test
    void errorsAnswerTheErrorSchema() {
        fixture.scene().assertTokenRouteErrors(fixture.lambda(), "RotateApiToken", "POST", "/rotate", null, fixture.scene().workspaceToken);
    }
}
