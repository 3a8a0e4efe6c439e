package dev.latchkey.functions.manage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.domain.Deployment;
import dev.latchkey.domain.Workspace;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** A registered workspace or deployment. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntityView(String id, String type, String organizationId, String workspaceId, Instant createdAt, Instant updatedAt) {

    static EntityView of(Workspace w) {
        return new EntityView(w.id(), "WORKSPACE", w.organizationId(), null, w.createdAt(), w.updatedAt());
    }

    static EntityView of(Deployment d) {
        return new EntityView(d.id(), "DEPLOYMENT", d.organizationId(), d.workspaceId(), d.createdAt(), d.updatedAt());
    }
}
