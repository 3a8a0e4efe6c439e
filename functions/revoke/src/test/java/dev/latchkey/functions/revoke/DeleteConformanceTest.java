package dev.latchkey.functions.revoke;

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

/** DeleteApiToken: 204 without a body, errors in Astro's Error shape. */
class DeleteConformanceTest {

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
    void deletingATokenOfEachScopeIs204WithoutABody() {
        for (IssuedToken t : List.of(scene.organizationToken, scene.deploymentToken, scene.dagReader)) {
            LambdaResponse response = ConformanceScene.call(lambda, "DELETE", ConformanceScene.tokenPath(t), null, scene.owner);
            assertEquals(204, response.status(), response.body());
            // v1's description is rebuilt from response structs with JSON bodies, so only v1beta1 declares the 204.
            AstroApi.V1BETA1.assertResponse("DeleteApiToken", response);
        }
    }

    @Test
    void errorsAnswerTheErrorSchema() {
        scene.assertTokenRouteErrors(lambda, "DeleteApiToken", "DELETE", "", null, scene.workspaceToken);
    }
}
