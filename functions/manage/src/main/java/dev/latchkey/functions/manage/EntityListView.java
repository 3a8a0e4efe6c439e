package dev.latchkey.functions.manage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * Astro's {@code WorkspacesPaginated} and {@code DeploymentsPaginated}: the page under {@code workspaces} or
 * {@code deployments} (the other one left out), with {@code limit}, {@code offset} and {@code totalCount}; an empty
 * page still says {@code []}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityListView(List<EntityView> workspaces, List<EntityView> deployments, int totalCount, int offset, int limit) {

    static EntityListView ofWorkspaces(List<EntityView> page, int totalCount, int offset, int limit) {
        return new EntityListView(page, null, totalCount, offset, limit);
    }

    static EntityListView ofDeployments(List<EntityView> page, int totalCount, int offset, int limit) {
        return new EntityListView(null, page, totalCount, offset, limit);
    }
}
