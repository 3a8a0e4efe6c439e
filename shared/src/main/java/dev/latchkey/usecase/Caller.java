package dev.latchkey.usecase;

import dev.latchkey.access.RoleSet;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.Scope;

/** The token that authenticated a management request, and the request's id for the audit log. */
public record Caller(String tokenId, String organizationId, String name, Scope scope, String entityId, RoleSet roles,
                     String requestId) {

    public Actor actor() {
        return new Actor(tokenId, name);
    }
}
