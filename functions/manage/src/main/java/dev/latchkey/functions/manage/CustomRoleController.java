package dev.latchkey.functions.manage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.access.Permission;
import dev.latchkey.access.PermissionCheck;
import dev.latchkey.access.ResourcePath;
import dev.latchkey.access.RoleSet;
import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.RepeatedQueryValues;
import dev.latchkey.http.RequestIds;
import dev.latchkey.usecase.Caller;
import dev.latchkey.usecase.CustomRolePage;
import dev.latchkey.usecase.CustomRoleRequest;
import dev.latchkey.usecase.CustomRoles;
import dev.latchkey.usecase.Inputs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.List;

/**
 * Astro's custom-role routes under {@code /v1/organizations/{organizationId}/roles}: list, create, get, update (POST)
 * and delete. Organization Owners change roles; any token of the organization reads them.
 */
@Controller("/v1/organizations/{organizationId}/roles")
@Produces(MediaType.APPLICATION_JSON)
public class CustomRoleController {

    /** Astro's {@code RolesPaginated}; {@code defaultRoles} only with {@code includeDefaultRoles=true}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RolesPage(List<CustomRoleView> roles, int totalCount, int offset, int limit, List<DefaultRole> defaultRoles) {
    }

    /** Astro's {@code DefaultRole}: a built-in role and the catalogue permissions it grants on its own entity. */
    @Serdeable
    public record DefaultRole(String name, String scopeType, List<String> permissions) {
    }

    /** The 409 of a delete while tokens hold the role: the error body plus a page of them. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoleInUseBody(int statusCode, String message, String requestId, List<Holder> holders) {
    }

    /** A token holding the role. */
    @Serdeable
    public record Holder(String id, String name) {
    }

    private final CustomRoles customRoles;

    public CustomRoleController(CustomRoles customRoles) {
        this.customRoles = customRoles;
    }

    @Get
    @RepeatedQueryValues({"scopeTypes", "sorts"})
    public RolesPage list(@PathVariable String organizationId,
                          @Nullable @QueryValue String includeDefaultRoles,
                          @Nullable @QueryValue Integer offset,
                          @Nullable @QueryValue Integer limit,
                          HttpRequest<?> request,
                          Caller caller) {
        List<String> scopeTypes = RepeatedQueryValues.Read.all(request, "scopeTypes");
        boolean defaults = Inputs.flag("includeDefaultRoles", includeDefaultRoles);
        CustomRolePage page = customRoles.list(caller, organizationId, scopeTypes,
                RepeatedQueryValues.Read.all(request, "sorts"), offset, limit);
        return new RolesPage(page.roles().stream().map(CustomRoleView::of).toList(), page.totalCount(), page.offset(), page.limit(),
                defaults ? defaultRoles(scopeTypes) : null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    public CustomRoleView create(@PathVariable String organizationId, @Body CustomRoleRequestBody body, Caller caller) {
        return CustomRoleView.of(customRoles.create(caller, organizationId, request(body)));
    }

    @Get("/{customRoleId}")
    public CustomRoleView get(@PathVariable String organizationId, @PathVariable String customRoleId, Caller caller) {
        return CustomRoleView.of(customRoles.get(caller, organizationId, customRoleId));
    }

    @Post("/{customRoleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CustomRoleView update(@PathVariable String organizationId, @PathVariable String customRoleId,
                                 @Body CustomRoleRequestBody body, Caller caller) {
        if (body.scopeType() != null) {
            throw LatchkeyException.invalid("scopeType", "IMMUTABLE", "A custom role's scopeType is fixed at creation");
        }
        return CustomRoleView.of(customRoles.update(caller, organizationId, customRoleId, request(body)));
    }

    @Delete("/{customRoleId}")
    public HttpResponse<?> delete(@PathVariable String organizationId, @PathVariable String customRoleId,
                                  @Nullable @QueryValue String force,
                                  HttpRequest<?> request,
                                  Caller caller) {
        try {
            customRoles.delete(caller, organizationId, customRoleId, Inputs.flag("force", force));
            return HttpResponse.noContent();
        } catch (CustomRoles.RoleInUse inUse) {
            return HttpResponse.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(new RoleInUseBody(HttpStatus.CONFLICT.getCode(), inUse.getMessage(), RequestIds.of(request),
                            inUse.holders().stream().map(t -> new Holder(t.id(), t.name())).toList()));
        }
    }

    private static CustomRoleRequest request(CustomRoleRequestBody body) {
        return new CustomRoleRequest(body.name(), body.description(), body.scopeType(), body.permissions(), body.restrictedWorkspaceIds());
    }

    /**
     * The built-in Deployment and Dag roles, as Astro lists its default roles: the permissions each grants on its own
     * entity, asked of the same rules validate uses.
     */
    private static List<DefaultRole> defaultRoles(List<String> scopeTypes) {
        ResourcePath at = new ResourcePath(null, "w", "d", "g");
        return Arrays.stream(Role.values())
                .filter(r -> r.fits(EntityType.DEPLOYMENT) || r.fits(EntityType.DAG))
                .map(r -> {
                    String scopeType = r.fits(EntityType.DEPLOYMENT) ? "DEPLOYMENT" : "DAG";
                    RoleAssignment entry = r.fits(EntityType.DEPLOYMENT) ? RoleAssignment.of(EntityType.DEPLOYMENT, "d", r)
                            : new RoleAssignment(EntityType.DAG, "g", r, "d");
                    RoleSet held = new RoleSet(List.of(entry));
                    return new DefaultRole(r.name(), scopeType, Arrays.stream(Permission.values())
                            .filter(p -> p.fitsCustomRole(dev.latchkey.domain.CustomRole.ScopeType.DEPLOYMENT)
                                    && PermissionCheck.permits(held, p, at))
                            .map(Permission::id).toList());
                })
                .filter(d -> scopeTypes.isEmpty() || scopeTypes.contains(d.scopeType()))
                .toList();
    }
}
