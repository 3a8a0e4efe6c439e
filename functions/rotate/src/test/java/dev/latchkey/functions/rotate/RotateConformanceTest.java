package dev.latchkey.functions.rotate;

import dev.latchkey.http.testing.AstroApi;
import dev.latchkey.http.testing.ConformanceScene;
import dev.latchkey.http.testing.LambdaHarness;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.usecase.IssuedToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RotateApiToken: Astro sends no body; the answer is the ApiToken with its new value. */
class RotateConformanceTest {

    static LambdaHarness lambda;
    static ConformanceScene scene;

    @BeforeAll
    static void start() {
        lambda = LambdaHarness.start();
        scene = ConformanceScene.build(lambda.backend());
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    @Test
    void rotatingATokenOfEachScopeAnswersAnApiToken() {
        for (IssuedToken t : List.of(scene.organizationToken, scene.workspaceToken, scene.deploymentToken)) {
            LambdaResponse response = ConformanceScene.call(lambda, "POST", ConformanceScene.tokenPath(t) + "/rotate", null, scene.owner);
            assertEquals(200, response.status(), response.status() >= 400 ? response.body() : "(body withheld)");
            AstroApi.assertConforms("RotateApiToken", response);
        }
        LambdaResponse dags = ConformanceScene.call(lambda, "POST", ConformanceScene.tokenPath(scene.dagReader) + "/rotate", null, scene.owner);
        assertEquals(200, dags.status(), dags.status() >= 400 ? dags.body() : "(body withheld)");
        AstroApi.assertV1Response("RotateApiToken", dags);
    }

    @Test
    void errorsAnswerTheErrorSchema() {
        scene.assertTokenRouteErrors(lambda, "RotateApiToken", "POST", "/rotate", null, scene.workspaceToken);
    }
}
