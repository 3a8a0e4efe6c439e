package dev.latchkey.access;

import java.util.List;

/**
 * The resource a validate call asks about, as the calling service names it: the organization, workspace,
 * deployment and dag ids it knows, and the dag's tags (for {@code DAG_TAG} roles). Unnamed levels are {@code null}.
 */
public record ResourcePath(String organizationId, String workspaceId, String deploymentId, String dagId, List<String> dagTags) {

    public ResourcePath {
        dagTags = dagTags == null ? List.of() : List.copyOf(dagTags);
    }

    public ResourcePath(String organizationId, String workspaceId, String deploymentId, String dagId) {
        this(organizationId, workspaceId, deploymentId, dagId, List.of());
    }

    public static ResourcePath none() {
        return new ResourcePath(null, null, null, null);
    }
}
