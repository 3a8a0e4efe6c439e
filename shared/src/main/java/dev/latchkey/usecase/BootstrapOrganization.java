package dev.latchkey.usecase;

import dev.latchkey.domain.Actor;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The first credential of an organization: registers it and issues an Organization Owner token, with no caller.
 * Only trusted entry points use this (the local runner at start; in AWS an IAM-only path), never the public API.
 */
@Singleton
public class BootstrapOrganization {

    public static final String TOKEN_NAME = "bootstrap organization owner";

    private final EntityRegistry registry;
    private final TokenStore store;
    private final TokenMinter minter;
    private final Clock clock;

    public BootstrapOrganization(EntityRegistry registry, TokenStore store, TokenMinter minter, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.minter = minter;
        this.clock = clock;
    }

    public IssuedToken bootstrap(String organizationId) {
        Inputs.entityId("organizationId", organizationId);
        Instant now = clock.instant();
        registry.registerOrganization(organizationId, now);
        TokenMinter.Minted minted = minter.mint(Scope.ORGANIZATION);
        String id = minter.newTokenId(now);
        Actor self = new Actor(id, TOKEN_NAME);
        RoleAssignment owner = RoleAssignment.of(EntityType.ORGANIZATION, organizationId, Role.ORGANIZATION_OWNER);
        ApiToken token = new ApiToken(id, organizationId, TOKEN_NAME, "Issued at start-up by a trusted operator path",
                Scope.ORGANIZATION, TokenKind.STANDARD, organizationId, null, List.of(owner), minted.shortToken(), now, null, null,
                now, now, null, null, self, self, 1, minted.hashKey(), null, null);
        store.create(token, TokenHash.liveFor(token, minted.hashKey()), Optional.empty(), List.of());
        return new IssuedToken(token, minted.value());
    }
}
