package dev.latchkey.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.domain.RoleAssignment;
import io.micronaut.serde.annotation.Serdeable;

/** One role entry, as Astro shapes it ({@code deploymentId} only on dag entries). */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoleView(String entityType, String entityId, String role, String deploymentId) {

    public static RoleView of(RoleAssignment r) {
        return new RoleView(r.entityType().name(), r.entityId(), r.roleName(), r.deploymentId());
    }
}
