package dev.latchkey.functions.manage;

import dev.latchkey.http.RepeatedQueryValues;
import dev.latchkey.usecase.Caller;
import dev.latchkey.usecase.EntityListQuery;
import dev.latchkey.usecase.EntityQueries;
import dev.latchkey.usecase.Inputs;
import dev.latchkey.usecase.Page;
import dev.latchkey.usecase.RegisterEntities;
import dev.latchkey.usecase.RemoveEntity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.List;

/**
 * The entity registry: the platform declares its workspaces and deployments before tokens are made for them, lists
 * them, and removes them with a cascade over their tokens.
 */
@Controller("/v1/organizations/{organizationId}")
@Produces(MediaType.APPLICATION_JSON)
public class EntityController {

    private final RegisterEntities registerEntities;
    private final RemoveEntity removeEntity;
    private final EntityQueries queries;

    public EntityController(RegisterEntities registerEntities, RemoveEntity removeEntity, EntityQueries queries) {
        this.registerEntities = registerEntities;
        this.removeEntity = removeEntity;
        this.queries = queries;
    }

    @Get("/workspaces")
    @RepeatedQueryValues({"workspaceIds", "sorts"})
    public EntityListView listWorkspaces(@PathVariable String organizationId,
                                         @Nullable @QueryValue Integer offset,
                                         @Nullable @QueryValue Integer limit,
                                         HttpRequest<?> request,
                                         Caller caller) {
        Page<dev.latchkey.domain.Workspace> page = queries.workspaces(caller, organizationId,
                new EntityListQuery(ids(request, "workspaceIds"), null, offset, limit, RepeatedQueryValues.Read.all(request, "sorts")));
        return EntityListView.ofWorkspaces(page.items().stream().map(EntityView::of).toList(), page.totalCount(), page.offset(), page.limit());
    }

    @Get("/deployments")
    @RepeatedQueryValues({"deploymentIds", "workspaceIds", "sorts"})
    public EntityListView listDeployments(@PathVariable String organizationId,
                                          @Nullable @QueryValue Integer offset,
                                          @Nullable @QueryValue Integer limit,
                                          HttpRequest<?> request,
                                          Caller caller) {
        Page<dev.latchkey.domain.Deployment> page = queries.deployments(caller, organizationId, new EntityListQuery(
                ids(request, "workspaceIds"), ids(request, "deploymentIds"), offset, limit, RepeatedQueryValues.Read.all(request, "sorts")));
        return EntityListView.ofDeployments(page.items().stream().map(EntityView::of).toList(), page.totalCount(), page.offset(), page.limit());
    }

    /** An id filter, repeated ({@code workspaceIds=a&workspaceIds=b}) or comma-separated ({@code a,b}): ids hold no comma. */
    @Nullable
    private static List<String> ids(HttpRequest<?> request, String name) {
        List<String> values = RepeatedQueryValues.Read.all(request, name);
        return values == null ? null : values.stream().flatMap(v -> Arrays.stream(v.split(",", -1))).toList();
    }

    @Put("/workspaces/{workspaceId}")
    public EntityView registerWorkspace(@PathVariable String organizationId, @PathVariable String workspaceId, Caller caller) {
        return EntityView.of(registerEntities.registerWorkspace(caller, organizationId, workspaceId));
    }

    /** The answer of a removal: what was (or, with {@code dryRun}, would be) revoked and changed; empty lists shown. */
    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record RemovalView(String entityType, String entityId, boolean dryRun, List<String> revokedTokens,
                              List<String> rolesRemovedFrom, List<String> deploymentsRemoved) {
        static RemovalView of(RemoveEntity.Report r) {
            return new RemovalView(r.entityType(), r.entityId(), r.dryRun(), r.revokedTokens(), r.rolesRemovedFrom(), r.deploymentsRemoved());
        }
    }

    @Delete("/workspaces/{workspaceId}")
    public RemovalView removeWorkspace(@PathVariable String organizationId, @PathVariable String workspaceId,
                                       @Nullable @QueryValue String dryRun,
                                       Caller caller) {
        return RemovalView.of(removeEntity.removeWorkspace(caller, organizationId, workspaceId,
                Inputs.flag("dryRun", dryRun)));
    }

    @Delete("/deployments/{deploymentId}")
    public RemovalView removeDeployment(@PathVariable String organizationId, @PathVariable String deploymentId,
                                        @Nullable @QueryValue String dryRun,
                                        Caller caller) {
        return RemovalView.of(removeEntity.removeDeployment(caller, organizationId, deploymentId,
                Inputs.flag("dryRun", dryRun)));
    }


    @Put("/deployments/{deploymentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public EntityView registerDeployment(@PathVariable String organizationId, @PathVariable String deploymentId,
                                         @Body RegisterDeploymentRequest body,
                                         Caller caller) {
        return EntityView.of(registerEntities.registerDeployment(caller, organizationId,
                deploymentId, body.workspaceId()));
    }
}
