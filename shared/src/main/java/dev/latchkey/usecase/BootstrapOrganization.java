package dev.latchkey.usecase;

import dev.latchkey.domain.Actor;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.History;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenGrant;
import dev.latchkey.domain.TokenHash;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.domain.Validity;
import dev.latchkey.domain.ValueHashes;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The first credential of an organization: an Organization Owner token issued with no caller. Only trusted entry
 * points use this, never the public API: the local runner at start, and in AWS the IAM-only bootstrap function.
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

    /**
     * Registers a new organization and issues its first owner token, atomically, exactly once: a second call for the
     * same organization is a CONFLICT, so IAM access to the bootstrap function cannot mint owner tokens at will.
     */
    public IssuedToken bootstrapNew(String organizationId) {
        Inputs.entityId("organizationId", organizationId);
        Issue issue = prepare(organizationId);
        store.createWithOrganization(issue.token(), issue.hash());
        return issue.issued();
    }

    /** The local runner's start: the organization may exist already (a data directory); a fresh owner token each time. */
    public IssuedToken bootstrap(String organizationId) {
        Inputs.entityId("organizationId", organizationId);
        Issue issue = prepare(organizationId);
        registry.registerOrganization(organizationId, issue.token().history().createdAt());
        store.create(issue.token(), issue.hash(), Optional.empty(), List.of());
        return issue.issued();
    }

    private record Issue(ApiToken token, TokenHash hash, IssuedToken issued) {
    }

    private Issue prepare(String organizationId) {
        Instant now = clock.instant();
        TokenMinter.Minted minted = minter.mint(Scope.ORGANIZATION);
        String id = minter.newTokenId(now);
        Actor self = new Actor(id, TOKEN_NAME);
        RoleAssignment owner = RoleAssignment.of(EntityType.ORGANIZATION, organizationId, Role.ORGANIZATION_OWNER);
        ApiToken token = ApiToken.builder(id, organizationId).name(TOKEN_NAME).description("Issued by a trusted operator path")
                .grant(new TokenGrant(Scope.ORGANIZATION, TokenKind.STANDARD, organizationId, null, List.of(owner)))
                .lifetime(new Lifetime(Validity.from(now), null))
                .values(ValueHashes.first(minted.hashKey(), minted.shortToken()))
                .history(History.created(now, self)).build();
        TokenHash hash = TokenHash.liveFor(token, minted.hashKey());
        return new Issue(token, hash, new IssuedToken(token, minted.value()));
    }
}
