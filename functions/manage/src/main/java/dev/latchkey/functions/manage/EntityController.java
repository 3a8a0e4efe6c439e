package dev.latchkey.functions.manage;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.Callers;
import dev.latchkey.usecase.Inputs;
import dev.latchkey.usecase.RegisterEntities;
import dev.latchkey.usecase.RemoveEntity;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
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

    private final Callers callers;
    private final RegisterEntities registerEntities;
    private final RemoveEntity removeEntity;

    public EntityController(Callers callers, RegisterEntities registerEntities, RemoveEntity removeEntity) {
        this.callers = callers;
        this.registerEntities = registerEntities;
        this.removeEntity = removeEntity;
    }

    @Put("/workspaces/{workspaceId}")
    public EntityView registerWorkspace(@PathVariable String organizationId, @PathVariable String workspaceId,
                                        @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        return EntityView.of(registerEntities.registerWorkspace(callers.authenticate(authorization), organizationId, workspaceId));
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
                                       @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                       @Nullable @QueryValue String dryRun) {
        return RemovalView.of(removeEntity.removeWorkspace(callers.authenticate(authorization), organizationId, workspaceId,
                Inputs.flag("dryRun", dryRun)));
    }

    @Delete("/deployments/{deploymentId}")
    public RemovalView removeDeployment(@PathVariable String organizationId, @PathVariable String deploymentId,
                                        @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                        @Nullable @QueryValue String dryRun) {
        return RemovalView.of(removeEntity.removeDeployment(callers.authenticate(authorization), organizationId, deploymentId,
                Inputs.flag("dryRun", dryRun)));
    }


    @Put("/deployments/{deploymentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public EntityView registerDeployment(@PathVariable String organizationId, @PathVariable String deploymentId,
                                         @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                         @Body RegisterDeploymentRequest body) {
        if (body.workspaceId() == null) {
            throw LatchkeyException.invalid("workspaceId", "REQUIRED", "workspaceId is required");
        }
        return EntityView.of(registerEntities.registerDeployment(callers.authenticate(authorization), organizationId,
                deploymentId, body.workspaceId()));
    }
}
