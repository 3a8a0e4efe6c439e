package dev.latchkey.functions.manage;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.view.ApiTokenView;
import dev.latchkey.http.view.RotationInput;
import dev.latchkey.http.Callers;
import dev.latchkey.usecase.ReplaceRoles;
import dev.latchkey.usecase.RoleInput;
import dev.latchkey.usecase.UpdateToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

import java.util.List;

/** Renaming a token and replacing its roles. */
@Controller("/v1/organizations/{organizationId}/tokens/{tokenId}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TokenUpdateController {

    private final Callers callers;
    private final UpdateToken updateToken;
    private final ReplaceRoles replaceRoles;

    public TokenUpdateController(Callers callers, UpdateToken updateToken, ReplaceRoles replaceRoles) {
        this.callers = callers;
        this.updateToken = updateToken;
        this.replaceRoles = replaceRoles;
    }

    @Post
    public ApiTokenView update(@PathVariable String organizationId, @PathVariable String tokenId,
                               @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                               @Body UpdateTokenRequest body) {
        return ApiTokenView.of(updateToken.update(callers.authenticate(authorization), organizationId, tokenId,
                body.name(), body.description(), RotationInput.toRequest(body.rotation())));
    }

    @Post("/roles")
    public SubjectRolesView roles(@PathVariable String organizationId, @PathVariable String tokenId,
                                  @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                  @Body RolesRequest body) {
        if (body.roles() == null) {
            throw LatchkeyException.invalid("roles", "REQUIRED", "roles is required");
        }
        List<RoleInput> roles = body.roles().stream()
                .map(r -> r == null ? null : new RoleInput(r.entityType(), r.entityId(), r.role(), r.deploymentId()))
                .toList();
        return SubjectRolesView.of(replaceRoles.replace(callers.authenticate(authorization), organizationId, tokenId, roles)
                .grant().roles());
    }
}
