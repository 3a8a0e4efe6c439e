package dev.latchkey.functions.manage;

import dev.latchkey.usecase.Caller;
import dev.latchkey.usecase.Inputs;
import dev.latchkey.usecase.RegisterEntities;
import dev.latchkey.usecase.RemoveEntity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The entity registry: the platform declares its workspaces and deployments before tokens are made for them, and
 * removes them with a cascade over their tokens.
 */
@Controller("/v1/organizations/{organizationId}")
@Produces(MediaType.APPLICATION_JSON)
public class EntityController {

    private final RegisterEntities registerEntities;
    private final RemoveEntity removeEntity;

    public EntityController(RegisterEntities registerEntities, RemoveEntity removeEntity) {
        this.registerEntities = registerEntities;
        this.removeEntity = removeEntity;
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
