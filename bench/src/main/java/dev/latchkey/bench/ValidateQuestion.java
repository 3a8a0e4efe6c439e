package dev.latchkey.bench;

/**
 * The validate question every benchmark asks, with nothing but the JDK: {@link ColdStart} runs on the floor's class
 * path, which has no Latchkey class (so it cannot touch {@link Fixture}).
 */
public final class ValidateQuestion {

    public static final String ORGANIZATION = "bench-org";
    public static final String WORKSPACE = "ws-bench";
    public static final String DEPLOYMENT = "dep-bench";
    public static final String PERMISSION = "deployment.deploy";
    /** A workspace-level permission of the bench token's role: asking it reads the one hash item. */
    public static final String WORKSPACE_PERMISSION = "workspace.read";

    private ValidateQuestion() {
    }

    /** The JSON body of POST /v1/validate asking whether the token may deploy to the bench deployment. */
    public static String body(String token) {
        return "{\"token\":\"" + token + "\",\"organizationId\":\"" + ORGANIZATION + "\",\"workspaceId\":\"" + WORKSPACE
                + "\",\"deploymentId\":\"" + DEPLOYMENT + "\",\"permission\":\"" + PERMISSION + "\"}";
    }

    /**
     * The same token asked about its own workspace only: no deployment is named, so validate makes one consistent
     * GetItem (the question above also reads the deployment's registry item, in one BatchGetItem).
     */
    public static String workspaceBody(String token) {
        return "{\"token\":\"" + token + "\",\"organizationId\":\"" + ORGANIZATION + "\",\"workspaceId\":\"" + WORKSPACE
                + "\",\"permission\":\"" + WORKSPACE_PERMISSION + "\"}";
    }
}
