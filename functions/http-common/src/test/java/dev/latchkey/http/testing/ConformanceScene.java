package dev.latchkey.http.testing;

import dev.latchkey.domain.Scope;
import dev.latchkey.testing.Backend;
import dev.latchkey.usecase.IssuedToken;
import dev.latchkey.usecase.RoleInput;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * The organization every token-route conformance test works in: one workspace with one deployment, a token of each
 * scope, a Workspace Member (no management rights) and another organization's owner, plus {@link #dagReader}, the one
 * token with dag entries (which only Astro's v1 describes).
 */
public final class ConformanceScene {

    public static final String ORG = "astro-conf";
    public static final String WORKSPACE = "ws-conf";
    public static final String DEPLOYMENT = "dep-conf";

    public final IssuedToken owner;
    public final IssuedToken organizationToken;
    public final IssuedToken workspaceToken;
    public final IssuedToken deploymentToken;
    public final IssuedToken workspaceMember;
    public final IssuedToken dagReader;
    public final IssuedToken otherOwner;

    private ConformanceScene(Backend b) {
        owner = b.owner(ORG);
        b.workspace(ORG, WORKSPACE);
        b.deployment(ORG, DEPLOYMENT, WORKSPACE);
        organizationToken = b.token(owner, ORG, Scope.ORGANIZATION, ORG, "ORGANIZATION_MEMBER");
        b.roles(owner, organizationToken, List.of(new RoleInput("ORGANIZATION", ORG, "ORGANIZATION_MEMBER", null),
                new RoleInput("WORKSPACE", WORKSPACE, "WORKSPACE_AUTHOR", null)));
        workspaceToken = b.token(owner, ORG, Scope.WORKSPACE, WORKSPACE, "WORKSPACE_OPERATOR");
        deploymentToken = b.token(owner, ORG, Scope.DEPLOYMENT, DEPLOYMENT, "DEPLOYMENT_ADMIN");
        workspaceMember = b.token(owner, ORG, Scope.WORKSPACE, WORKSPACE, "WORKSPACE_MEMBER");
        dagReader = b.token(owner, ORG, Scope.DEPLOYMENT, DEPLOYMENT, "DEPLOYMENT_ADMIN");
        b.roles(owner, dagReader, List.of(new RoleInput("DEPLOYMENT", DEPLOYMENT, "DEPLOYMENT_ADMIN", null),
                new RoleInput("DAG", "etl_daily", "DAG_VIEWER", DEPLOYMENT),
                new RoleInput("DAG_TAG", "nightly", "DAG_AUTHOR", DEPLOYMENT)));
        otherOwner = b.owner("astro-other");
    }

    public static ConformanceScene build(Backend backend) {
        return new ConformanceScene(backend);
    }

    /** The scene in a fresh Lambda handler for one test class: {@code @RegisterExtension static final InLambda fixture = ConformanceScene.inLambda();}. */
    public static InLambda inLambda() {
        return new InLambda();
    }

    /** Starts the handler and builds the scene before a class's tests, and closes the handler after them. */
    public static final class InLambda implements BeforeAllCallback, AfterAllCallback {

        private LambdaHarness lambda;
        private ConformanceScene scene;

        private InLambda() {
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            lambda = LambdaHarness.start();
            scene = build(lambda.backend());
        }

        @Override
        public void afterAll(ExtensionContext context) {
            lambda.close();
        }

        public LambdaHarness lambda() {
            return lambda;
        }

        public ConformanceScene scene() {
            return scene;
        }
    }

    public static String tokensPath() {
        return "/v1/organizations/" + ORG + "/tokens";
    }

    public static String tokenPath(IssuedToken token) {
        return tokensPath() + "/" + token.token().id();
    }

    /** A well-formed token id that names no token. */
    public static String unknownTokenPath() {
        return tokensPath() + "/c0123456789abcdefghijklmn";
    }

    /** One request; {@code as} null sends no Authorization header, {@code json} null no body. */
    public static LambdaResponse call(LambdaHarness lambda, String method, String path, String json, IssuedToken as) {
        HttpEvent event = HttpEvent.request(method, path);
        if (as != null) {
            event.bearer(as.value());
        }
        return lambda.invoke(json == null ? event : event.json(json));
    }

    /** The expected error status, with a body both of Astro's documents accept. */
    public static void assertError(String operationId, int status, LambdaResponse response) {
        if (response.status() != status) {
            // A success may be a create or rotate answer carrying a token value: its body stays out of the message.
            throw new AssertionError(operationId + ": expected " + status + ", got " + response.status()
                    + (response.status() >= 400 ? " " + response.body() : " (body withheld)"));
        }
        AstroApi.assertConforms(operationId, response);
    }

    /**
     * The errors every route on one token answers, each in Astro's Error shape: 401 without credentials, 404 to
     * another organization, 403 to a Workspace Member of the token's workspace, 404 for an unknown token id.
     * {@code suffix} follows the token path ({@code ""}, {@code "/roles"}, {@code "/rotate"}).
     */
    public void assertTokenRouteErrors(LambdaHarness lambda, String operationId, String method, String suffix, String json,
                                       IssuedToken target) {
        String path = tokenPath(target) + suffix;
        assertError(operationId, 401, call(lambda, method, path, json, null));
        assertError(operationId, 404, call(lambda, method, path, json, otherOwner));
        assertError(operationId, 403, call(lambda, method, path, json, workspaceMember));
        assertError(operationId, 404, call(lambda, method, unknownTokenPath() + suffix, json, owner));
    }
}
