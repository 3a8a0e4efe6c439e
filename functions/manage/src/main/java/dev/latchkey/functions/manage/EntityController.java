package dev.latchkey.functions.manage;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.Callers;
import dev.latchkey.usecase.RegisterEntities;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;

/** The entity registry: the platform declares its workspaces and deployments before tokens are made for them. */
@Controller("/v1/organizations/{organizationId}")
@Produces(MediaType.APPLICATION_JSON)
public class EntityController {

    private final Callers callers;
    private final RegisterEntities registerEntities;

    public EntityController(Callers callers, RegisterEntities registerEntities) {
        this.callers = callers;
        this.registerEntities = registerEntities;
    }

    @Put("/workspaces/{workspaceId}")
    public EntityView registerWorkspace(@PathVariable String organizationId, @PathVariable String workspaceId,
                                        @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        return EntityView.of(registerEntities.registerWorkspace(callers.authenticate(authorization), organizationId, workspaceId));
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
