package dev.latchkey.functions.revoke;

import dev.latchkey.http.testing.AstroApi;
import dev.latchkey.http.testing.ConformanceScene;
import dev.latchkey.http.testing.LambdaResponse;
import dev.latchkey.usecase.IssuedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DeleteApiToken: 204 without a body, errors in Astro's Error shape. */
class DeleteConformanceTest {

    @RegisterExtension
    static final ConformanceScene.InLambda fixture = ConformanceScene.inLambda();

    @Test
    void deletingATokenOfEachScopeIs204WithoutABody() {
        for (IssuedToken t : List.of(fixture.scene().organizationToken, fixture.scene().deploymentToken, fixture.scene().dagReader)) {
            LambdaResponse response = ConformanceScene.call(fixture.lambda(), "DELETE", ConformanceScene.tokenPath(t), null, fixture.scene().owner);
            assertEquals(204, response.status(), response.body());
            // v1's description is rebuilt from response structs with JSON bodies, so only v1beta1 declares the 204.
            AstroApi.V1BETA1.assertResponse("DeleteApiToken", response);
        }
    }

    @Test
    void errorsAnswerTheErrorSchema() {
        fixture.scene().assertTokenRouteErrors(fixture.lambda(), "DeleteApiToken", "DELETE", "", null, fixture.scene().workspaceToken);
    }
}
