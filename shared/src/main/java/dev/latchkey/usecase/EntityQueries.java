package dev.latchkey.usecase;

import dev.latchkey.access.RoleSet;
import dev.latchkey.domain.Deployment;
import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Workspace;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.EntityRegistry;
import jakarta.inject.Singleton;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Listing the registered workspaces and deployments, shaped after Astro's {@code ListWorkspaces} and
 * {@code ListDeployments}. Who sees which follows the read permissions ({@code organization.read},
 * {@code workspace.read}, {@code deployment.read}): a token holding any organization role sees every workspace and
 * deployment of its organization; otherwise a workspace role shows that workspace and all its deployments, and a
 * deployment role that deployment. Dag roles show nothing. Everything else is absent from the lists, not a 403.
 */
@Singleton
public class EntityQueries {

    /** As many ids as one filter takes (Astro's page size bounds aside, a query string stays short). */
    public static final int MAX_IDS = 100;

    private static final Map<String, Comparator<Workspace>> WORKSPACE_SORTS = Map.of(
            "id", Comparator.comparing(Workspace::id),
            "createdAt", Comparator.comparing(Workspace::createdAt),
            "updatedAt", Comparator.comparing(Workspace::updatedAt));

    private static final Map<String, Comparator<Deployment>> DEPLOYMENT_SORTS = Map.of(
            "id", Comparator.comparing(Deployment::id),
            "workspaceId", Comparator.comparing(Deployment::workspaceId),
            "createdAt", Comparator.comparing(Deployment::createdAt),
            "updatedAt", Comparator.comparing(Deployment::updatedAt));

    private final ManagedTokens managed;
    private final EntityRegistry registry;

    public EntityQueries(ManagedTokens managed, EntityRegistry registry) {
        this.managed = managed;
        this.registry = registry;
    }

    /** The workspaces the caller may see, filtered by {@code workspaceIds}; in id order unless {@code sorts} says. */
    public Page<Workspace> workspaces(Caller caller, String organizationId, EntityListQuery query) {
        managed.requireOrganization(caller, organizationId);
        Listing.Window window = Listing.window(query.offset(), query.limit());
        Set<String> workspaceIds = ids("workspaceIds", query.workspaceIds());
        Comparator<Workspace> order = Listing.order(WORKSPACE_SORTS, query.sorts(), WORKSPACE_SORTS.get("id"));
        Reach reach = Reach.of(caller.roles());
        return Listing.page(registry.workspaces(organizationId).stream()
                .filter(w -> reach.seesWorkspace(w.id()) && (workspaceIds == null || workspaceIds.contains(w.id())))
                .sorted(order).toList(), window);
    }

    /** The deployments the caller may see, filtered by {@code deploymentIds} and {@code workspaceIds} (both must hold). */
    public Page<Deployment> deployments(Caller caller, String organizationId, EntityListQuery query) {
        managed.requireOrganization(caller, organizationId);
        Listing.Window window = Listing.window(query.offset(), query.limit());
        Set<String> workspaceIds = ids("workspaceIds", query.workspaceIds());
        Set<String> deploymentIds = ids("deploymentIds", query.deploymentIds());
        Comparator<Deployment> order = Listing.order(DEPLOYMENT_SORTS, query.sorts(), DEPLOYMENT_SORTS.get("id"));
        Reach reach = Reach.of(caller.roles());
        return Listing.page(registry.deployments(organizationId).stream()
                .filter(d -> reach.seesDeployment(d)
                        && (workspaceIds == null || workspaceIds.contains(d.workspaceId()))
                        && (deploymentIds == null || deploymentIds.contains(d.id())))
                .sorted(order).toList(), window);
    }

    /** A filter's ids, checked; null when the filter is absent. */
    private static Set<String> ids(String field, List<String> values) {
        if (values == null) {
            return null;
        }
        if (values.size() > MAX_IDS) {
            throw LatchkeyException.invalid(field, "TOO_MANY", "At most " + MAX_IDS + " " + field);
        }
        for (int i = 0; i < values.size(); i++) {
            Inputs.entityId(field + "[" + i + "]", values.get(i));
        }
        return Set.copyOf(values);
    }

    /** The entities a role set reads: all of them with an organization role, else those its entries name. */
    private record Reach(boolean everything, Set<String> workspaces, Set<String> deployments) {

        static Reach of(RoleSet roles) {
            Set<String> workspaces = new HashSet<>();
            Set<String> deployments = new HashSet<>();
            for (RoleAssignment r : roles.entries()) {
                if (r.entityType() == EntityType.WORKSPACE) {
                    workspaces.add(r.entityId());
                } else if (r.entityType() == EntityType.DEPLOYMENT) {
                    deployments.add(r.entityId());
                }
            }
            return new Reach(roles.organizationRole().isPresent(), workspaces, deployments);
        }

        boolean seesWorkspace(String workspaceId) {
            return everything || workspaces.contains(workspaceId);
        }

        boolean seesDeployment(Deployment d) {
            return everything || workspaces.contains(d.workspaceId()) || deployments.contains(d.id());
        }
    }
}
