package dev.latchkey.usecase;

import dev.latchkey.access.ResourcePath;
import dev.latchkey.domain.Scope;
import dev.latchkey.error.FieldError;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.testing.Backend;
import dev.latchkey.testing.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What validate answers, as a table: token scope × resource named × permission asked → code. Organization {@code acme}
 * (and {@code globex}, which the tokens are not in); workspaces {@code ws-1}, {@code ws-2}; deployments {@code dep-1}
 * and {@code dep-3} in {@code ws-1}, {@code dep-2} in {@code ws-2}; {@code dep-404} is not registered. The tokens: an
 * organization token with ORGANIZATION_MEMBER, a workspace token on ws-1 with WORKSPACE_AUTHOR, a deployment token on
 * dep-1 with DEPLOYMENT_ADMIN. A deployment is always checked in the workspace it is registered in, whatever the caller
 * says.
 */
class ValidateScopeIT {

    static Backend b;
    static Map<Scope, IssuedToken> tokens;

    @BeforeAll
    static void start() {
        b = Backend.start();
        Seed acme = Seed.twoWorkspaces(b, "acme").deployment("dep-3", "ws-1");
        Seed.organization(b, "globex").workspace("ws-1").deployment("dep-1", "ws-1");
        tokens = Map.of(
                Scope.ORGANIZATION, acme.token(Scope.ORGANIZATION, "acme", "ORGANIZATION_MEMBER"),
                Scope.WORKSPACE, acme.token(Scope.WORKSPACE, "ws-1", "WORKSPACE_AUTHOR"),
                Scope.DEPLOYMENT, acme.token(Scope.DEPLOYMENT, "dep-1", "DEPLOYMENT_ADMIN"));
    }

    @AfterAll
    static void stop() {
        b.close();
    }

    @ParameterizedTest(name = "{0} token, org {1} ws {2} dep {3} dag {4} asking {5} -> {6}")
    @CsvSource(nullValues = "-", value = {
            // token,       org,    workspace, deployment, dag, permission,                code
            "ORGANIZATION, -,      -,    -,       -,   -,                          VALID",
            "ORGANIZATION, acme,   -,    -,       -,   -,                          VALID",
            "ORGANIZATION, globex, -,    -,       -,   -,                          SCOPE_MISMATCH",
            "ORGANIZATION, globex, -,    dep-1,   -,   -,                          SCOPE_MISMATCH",
            "ORGANIZATION, acme,   -,    -,       -,   organization.read,          VALID",
            "ORGANIZATION, acme,   -,    -,       -,   organization.tokens.manage, INSUFFICIENT_PERMISSIONS",
            "ORGANIZATION, acme,   ws-1, -,       -,   -,                          VALID",
            "ORGANIZATION, acme,   -,    dep-1,   -,   -,                          VALID",
            "ORGANIZATION, acme,   ws-1, dep-1,   -,   -,                          VALID",
            "ORGANIZATION, acme,   ws-2, dep-1,   -,   -,                          SCOPE_MISMATCH",
            "ORGANIZATION, acme,   -,    dep-404, -,   -,                          SCOPE_MISMATCH",
            "ORGANIZATION, acme,   ws-1, -,       -,   workspace.read,             INSUFFICIENT_PERMISSIONS",

            "WORKSPACE,    -,      -,    -,       -,   -,                          VALID",
            "WORKSPACE,    acme,   -,    -,       -,   -,                          VALID",
            "WORKSPACE,    globex, ws-1, -,       -,   -,                          SCOPE_MISMATCH",
            "WORKSPACE,    globex, -,    dep-1,   -,   -,                          SCOPE_MISMATCH",
            "WORKSPACE,    acme,   ws-1, -,       -,   -,                          VALID",
            "WORKSPACE,    acme,   ws-2, -,       -,   -,                          SCOPE_MISMATCH",
            "WORKSPACE,    acme,   -,    dep-1,   -,   -,                          VALID",
            "WORKSPACE,    acme,   -,    dep-2,   -,   -,                          SCOPE_MISMATCH",
            "WORKSPACE,    acme,   ws-1, dep-2,   -,   -,                          SCOPE_MISMATCH",
            "WORKSPACE,    acme,   -,    dep-404, -,   -,                          SCOPE_MISMATCH",
            "WORKSPACE,    acme,   -,    -,       -,   organization.read,          SCOPE_MISMATCH",
            "WORKSPACE,    acme,   ws-1, -,       -,   workspace.read,             VALID",
            "WORKSPACE,    acme,   ws-1, -,       -,   workspace.users.manage,     INSUFFICIENT_PERMISSIONS",
            "WORKSPACE,    acme,   ws-2, -,       -,   workspace.read,             SCOPE_MISMATCH",
            "WORKSPACE,    acme,   -,    dep-1,   -,   deployment.deploy,          VALID",
            "WORKSPACE,    acme,   ws-1, dep-1,   -,   deployment.deploy,          VALID",
            "WORKSPACE,    acme,   -,    dep-1,   -,   deployment.update,          INSUFFICIENT_PERMISSIONS",
            "WORKSPACE,    acme,   -,    dep-2,   -,   deployment.read,            SCOPE_MISMATCH",
            "WORKSPACE,    acme,   -,    dep-1,   etl, dag.trigger,                VALID",
            "WORKSPACE,    acme,   -,    dep-2,   etl, dag.read,                   SCOPE_MISMATCH",

            "DEPLOYMENT,   -,      -,    -,       -,   -,                          VALID",
            "DEPLOYMENT,   acme,   -,    -,       -,   -,                          VALID",
            "DEPLOYMENT,   globex, -,    -,       -,   -,                          SCOPE_MISMATCH",
            "DEPLOYMENT,   globex, -,    dep-1,   -,   -,                          SCOPE_MISMATCH",
            "DEPLOYMENT,   acme,   -,    dep-1,   -,   -,                          VALID",
            "DEPLOYMENT,   acme,   ws-1, dep-1,   -,   -,                          VALID",
            "DEPLOYMENT,   acme,   ws-2, dep-1,   -,   -,                          SCOPE_MISMATCH",
            "DEPLOYMENT,   acme,   -,    dep-2,   -,   -,                          SCOPE_MISMATCH",
            // Another deployment of the token's own workspace: only the deployment id tells them apart.
            "DEPLOYMENT,   acme,   -,    dep-3,   -,   -,                          SCOPE_MISMATCH",
            "DEPLOYMENT,   acme,   ws-1, dep-3,   -,   deployment.read,            SCOPE_MISMATCH",
            "WORKSPACE,    acme,   -,    dep-3,   -,   -,                          VALID",
            "DEPLOYMENT,   acme,   ws-1, -,       -,   -,                          VALID",
            "DEPLOYMENT,   acme,   ws-2, -,       -,   -,                          SCOPE_MISMATCH",
            "DEPLOYMENT,   acme,   -,    -,       -,   organization.read,          SCOPE_MISMATCH",
            "DEPLOYMENT,   acme,   ws-1, -,       -,   workspace.read,             SCOPE_MISMATCH",
            "DEPLOYMENT,   acme,   -,    dep-1,   -,   deployment.update,          VALID",
            "DEPLOYMENT,   acme,   -,    dep-1,   -,   deployment.tokens.manage,   INSUFFICIENT_PERMISSIONS",
            "DEPLOYMENT,   acme,   -,    dep-2,   -,   deployment.read,            SCOPE_MISMATCH",
            "DEPLOYMENT,   acme,   -,    dep-1,   etl, dag.edit,                   VALID",
            "DEPLOYMENT,   acme,   -,    dep-2,   etl, dag.read,                   SCOPE_MISMATCH",
    })
    void validateMatrix(Scope token, String org, String workspace, String deployment, String dag, String permission,
                        ValidateToken.Code code) {
        IssuedToken t = tokens.get(token);
        ValidateToken.Outcome outcome = b.bean(ValidateToken.class).validate(t.value(),
                new ResourcePath(org, workspace, deployment, dag), permission);
        assertEquals(code, outcome.code());
        assertEquals(code == ValidateToken.Code.VALID, outcome.valid());
        assertEquals(t.token().id(), outcome.token().tokenId(), "a genuine live value always carries its metadata");
    }

    @ParameterizedTest(name = "org {0} ws {1} dep {2} dag {3} tags {4} asking {5} -> 400 on {6}")
    @CsvSource(nullValues = "-", value = {
            // org,  workspace, deployment, dag, tags,    permission,         field in error
            "-,    ws-1, -,     -,   -,       -,                  organizationId",
            "-,    -,    dep-1, -,   -,       -,                  organizationId",
            "-,    -,    dep-1, etl, -,       -,                  organizationId",
            "-,    -,    -,     -,   nightly, -,                  organizationId",
            "-,    -,    -,     -,   -,       organization.read,  organizationId",
            "acme, -,    -,     etl, -,       -,                  deploymentId",
            "acme, -,    -,     -,   -,       workspace.read,     workspaceId",
            "acme, -,    -,     -,   -,       deployment.read,    deploymentId",
            "acme, ws-1, -,     -,   -,       deployment.read,    deploymentId",
            "acme, -,    dep-1, -,   -,       dag.read,           dagId",
            "acme, -,    -,     -,   -,       no.such.permission, permission",
    })
    void aQuestionThatCannotBeAnsweredIsInvalidInputBeforeAnyLookup(String org, String workspace, String deployment,
                                                                    String dag, String tag, String permission, String field) {
        ResourcePath at = new ResourcePath(org, workspace, deployment, dag, tag == null ? List.of() : List.of(tag));
        // A value that is not even well formed: the answer must not depend on looking anything up.
        LatchkeyException e = assertThrows(LatchkeyException.class,
                () -> b.bean(ValidateToken.class).validate("not-a-token", at, permission));
        assertEquals(LatchkeyException.Kind.INVALID_INPUT, e.kind());
        assertEquals(List.of(field), e.fieldErrors().stream().map(FieldError::field).toList());
    }
}
