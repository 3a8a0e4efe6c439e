package dev.latchkey.functions.manage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.domain.CustomRole;
import dev.latchkey.http.view.ActorView;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * Astro's {@code RoleWithPermission}, plus Latchkey's {@code fanOutPending} (a change not yet on every holder: re-send
 * the update to finish it). {@code description} is {@code ""} when the role has none.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CustomRoleView(String id, String name, String description, String scopeType, List<String> permissions,
                             List<String> restrictedWorkspaceIds, Instant createdAt, ActorView createdBy, Instant updatedAt,
                             ActorView updatedBy, boolean fanOutPending) {

    static CustomRoleView of(CustomRole r) {
        return new CustomRoleView(r.id(), r.name(), r.description() == null ? "" : r.description(), r.scopeType().name(),
                r.permissions(), r.restrictedWorkspaceIds(), r.history().createdAt(), ActorView.of(r.history().createdBy()),
                r.history().updatedAt(), ActorView.of(r.history().updatedBy()), r.fanOutPending());
    }
}
