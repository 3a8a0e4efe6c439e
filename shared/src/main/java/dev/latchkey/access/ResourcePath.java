package dev.latchkey.access;

/**
 * The resource a validate call asks about, as the calling service names it: the organization, workspace,
 * deployment and dag ids it knows. Unnamed levels are {@code null}.
 */
public record ResourcePath(String organizationId, String workspaceId, String deploymentId, String dagId) {

    public static ResourcePath none() {
        return new ResourcePath(null, null, null, null);
    }
}
