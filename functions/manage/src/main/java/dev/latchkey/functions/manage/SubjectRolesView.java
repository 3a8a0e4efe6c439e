package dev.latchkey.functions.manage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.domain.RoleAssignment;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;

/** Astro's {@code SubjectRoles}: a token's roles grouped by entity type; empty groups are {@code []}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SubjectRolesView(
        @JsonInclude(JsonInclude.Include.NON_NULL) String organizationRole,
        List<WorkspaceRole> workspaceRoles,
        List<DeploymentRole> deploymentRoles,
        List<DagRole> dagRoles) {

    @Serdeable
    public record WorkspaceRole(String workspaceId, String role) {
    }

    @Serdeable
    public record DeploymentRole(String deploymentId, String role) {
    }

    /** Astro's {@code DagRole}: {@code dagId} on a dag entry, {@code dagTag} on a tag entry, never both. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DagRole(String deploymentId, String dagId, String dagTag, String role) {
    }

    static SubjectRolesView of(List<RoleAssignment> roles) {
        String organizationRole = null;
        List<WorkspaceRole> workspaces = new ArrayList<>();
        List<DeploymentRole> deployments = new ArrayList<>();
        List<DagRole> dags = new ArrayList<>();
        for (RoleAssignment r : roles) {
            switch (r.entityType()) {
                case ORGANIZATION -> organizationRole = r.roleName();
                case WORKSPACE -> workspaces.add(new WorkspaceRole(r.entityId(), r.roleName()));
                case DEPLOYMENT -> deployments.add(new DeploymentRole(r.entityId(), r.roleName()));
                case DAG -> dags.add(new DagRole(r.deploymentId(), r.entityId(), null, r.roleName()));
                case DAG_TAG -> dags.add(new DagRole(r.deploymentId(), null, r.entityId(), r.roleName()));
            }
        }
        return new SubjectRolesView(organizationRole, workspaces, deployments, dags);
    }
}
