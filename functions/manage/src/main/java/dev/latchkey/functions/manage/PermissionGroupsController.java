package dev.latchkey.functions.manage;

import dev.latchkey.access.Permission;
import dev.latchkey.domain.CustomRole;
import dev.latchkey.usecase.Caller;
import dev.latchkey.usecase.Inputs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/authorization/permission-groups}: the permissions a custom role may list, grouped as Astro groups
 * them ({@code deployment.logs.read} is action {@code read} of group {@code deployment.logs}). Any authenticated
 * token may read it: it is the catalogue validate understands, the same for every organization.
 */
@Controller("/v1/authorization/permission-groups")
@Produces(MediaType.APPLICATION_JSON)
public class PermissionGroupsController {

    /** Astro's {@code PermissionGroup}, plus the custom-role scope types that may list its permissions. */
    @Serdeable
    public record PermissionGroup(String name, String scope, String description, List<PermissionEntry> permissions,
                                  List<String> scopeTypes) {
    }

    /** Astro's {@code PermissionEntry}, plus the full permission id a role lists. */
    @Serdeable
    public record PermissionEntry(String action, String description, String permission) {
    }

    @Get
    public List<PermissionGroup> list(@Nullable @QueryValue String scopeType, Caller caller) {
        CustomRole.ScopeType only = Inputs.enumValue("scopeType", CustomRole.ScopeType.class, scopeType);
        Map<String, List<Permission>> groups = new LinkedHashMap<>();
        for (Permission p : Permission.values()) {
            if (only == null ? p.fitsCustomRole(CustomRole.ScopeType.DEPLOYMENT) : p.fitsCustomRole(only)) {
                groups.computeIfAbsent(p.id().substring(0, p.id().lastIndexOf('.')), g -> new ArrayList<>()).add(p);
            }
        }
        List<PermissionGroup> answer = new ArrayList<>();
        groups.forEach((name, permissions) -> answer.add(new PermissionGroup(name, scope(name),
                "Permissions on " + scope(name).toLowerCase(java.util.Locale.ROOT),
                permissions.stream().map(p -> new PermissionEntry(p.id().substring(name.length() + 1), p.description(), p.id())).toList(),
                permissions.get(0).fitsCustomRole(CustomRole.ScopeType.DAG) ? List.of("DEPLOYMENT", "DAG") : List.of("DEPLOYMENT"))));
        return answer;
    }

    /** {@code deployment.logs} → {@code Deployment Logs}, as Astro names a group's scope. */
    private static String scope(String group) {
        StringBuilder out = new StringBuilder();
        for (String part : group.split("\\.")) {
            out.append(out.length() == 0 ? "" : " ").append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
