package dev.latchkey.functions.manage;

import dev.latchkey.access.CidrSet;
import dev.latchkey.http.view.ApiTokenView;
import dev.latchkey.http.view.RotationInput;
import dev.latchkey.usecase.Caller;
import dev.latchkey.usecase.ReplaceRoles;
import dev.latchkey.usecase.RoleInput;
import dev.latchkey.usecase.UpdateToken;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

import java.util.List;

/** Renaming a token, changing its rotation policy or network binding, and replacing its roles. */
@Controller("/v1/organizations/{organizationId}/tokens/{tokenId}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TokenUpdateController {

    private final UpdateToken updateToken;
    private final ReplaceRoles replaceRoles;

    public TokenUpdateController(UpdateToken updateToken, ReplaceRoles replaceRoles) {
        this.updateToken = updateToken;
        this.replaceRoles = replaceRoles;
    }

    @Post
    public ApiTokenView update(@PathVariable String organizationId, @PathVariable String tokenId,
                               @Body UpdateTokenRequest body,
                               Caller caller) {
        return ApiTokenView.of(updateToken.update(caller, organizationId, tokenId,
                body.name(), body.description(), RotationInput.toRequest(body.rotation()),
                body.allowedCidrs() == null ? null : CidrSet.parse("allowedCidrs", body.allowedCidrs())));
    }

    @Post("/roles")
    public SubjectRolesView roles(@PathVariable String organizationId, @PathVariable String tokenId,
                                  @Body RolesRequest body,
                                  Caller caller) {
        List<RoleInput> roles = body.roles() == null ? null : body.roles().stream()
                .map(r -> r == null ? null : new RoleInput(r.entityType(), r.entityId(), r.role(), r.deploymentId()))
                .toList();
        return SubjectRolesView.of(replaceRoles.replace(caller, organizationId, tokenId, roles).grant().roles());
    }
}
