package dev.latchkey.usecase;

import dev.latchkey.access.RoleSet;
import dev.latchkey.access.TokenAccess;
import dev.latchkey.domain.ApiToken;
import dev.latchkey.domain.EntityType;
import dev.latchkey.domain.RoleAssignment;
import dev.latchkey.domain.Scope;
import dev.latchkey.domain.TokenKind;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.EntityRegistry;
import dev.latchkey.store.TokenStore;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reading tokens. A caller sees its own token, the tokens it may manage, and tokens holding a role in a workspace it
 * manages (whose entries it may change). Everything else in its organization is a 403 on GET and absent from lists.
 */
@Singleton
public class TokenQueries {

    public static final int DEFAULT_LIMIT = ListParams.DEFAULT_LIMIT;
    public static final int MAX_LIMIT = ListParams.MAX_LIMIT;
    public static final int MAX_OFFSET = ListParams.MAX_OFFSET;
    /** As many tags as validate accepts for one dag. */
    public static final int MAX_DAG_TAGS = 50;

    /** Astro's ListApiTokens sort keys ({@code tokenStartAt} is {@code startAt}), plus a few of Latchkey's own fields. */
    private static final Map<String, Comparator<ApiToken>> SORT_KEYS = Map.ofEntries(
            Map.entry("name", Comparator.comparing(ApiToken::name, String.CASE_INSENSITIVE_ORDER)),
            // A token without a description shows "" and sorts as "".
            Map.entry("description", Comparator.comparing((ApiToken t) -> t.description() == null ? "" : t.description(),
                    String.CASE_INSENSITIVE_ORDER)),
            Map.entry("createdAt", Comparator.comparing((ApiToken t) -> t.history().createdAt())),
            Map.entry("updatedAt", Comparator.comparing((ApiToken t) -> t.history().updatedAt())),
            Map.entry("tokenStartAt", Comparator.comparing((ApiToken t) -> t.lifetime().startAt())),
            Map.entry("lastUsedAt", nullsFirst(t -> t.history().lastUsedAt())),
            Map.entry("lastRotatedAt", nullsFirst(t -> t.history().lastRotatedAt())),
            Map.entry("endAt", nullsFirst(t -> t.lifetime().endAt())),
            Map.entry("scope", Comparator.comparing((ApiToken t) -> t.grant().scope())),
            Map.entry("id", Comparator.comparing(ApiToken::id)));

    private final ManagedTokens managed;
    private final TokenStore store;
    private final EntityRegistry registry;

    public TokenQueries(ManagedTokens managed, TokenStore store, EntityRegistry registry) {
        this.managed = managed;
        this.store = store;
        this.registry = registry;
    }

    public ApiToken get(Caller caller, String organizationId, String tokenId) {
        ApiToken token = managed.load(caller, organizationId, tokenId);
        if (!new Visibility(caller, organizationId).canSee(token)) {
            throw LatchkeyException.forbidden("Your token may not read token " + tokenId);
        }
        return token;
    }

    public TokenPage list(Caller caller, String organizationId, ListTokensQuery query) {
        managed.requireOrganization(caller, organizationId);
        int offset = ListParams.offset(query.offset());
        int limit = ListParams.limit(query.limit());
        if (query.workspaceId() != null) {
            Inputs.entityId("workspaceId", query.workspaceId());
        }
        if (query.deploymentId() != null) {
            Inputs.entityId("deploymentId", query.deploymentId());
        }
        DagFilter dags = DagFilter.of(query.dagId(), query.dagTags(), query.deploymentId());
        TokenKind kind = Inputs.enumValue("kind", TokenKind.class, query.kind());
        Comparator<ApiToken> order = parseSorts(query.sorts());

        Visibility visibility = new Visibility(caller, organizationId);
        List<ApiToken> matches = new ArrayList<>();
        for (ApiToken t : store.list(organizationId)) {
            if (visibility.canSee(t)
                    && (!query.includeOnlyOrganizationTokens() || t.grant().scope() == Scope.ORGANIZATION)
                    && (kind == null || t.grant().kind() == kind)
                    && (query.workspaceId() == null || visibility.touchesWorkspace(t, query.workspaceId()))
                    && (query.deploymentId() == null || touchesDeployment(t, query.deploymentId()))
                    && (dags == null || dags.matches(t))) {
                matches.add(t);
            }
        }
        matches.sort(order);
        List<ApiToken> page = offset >= matches.size() ? List.of() : matches.subList(offset, Math.min(matches.size(), offset + limit));
        return new TokenPage(List.copyOf(page), matches.size(), offset, limit);
    }

    private static boolean touchesDeployment(ApiToken t, String deploymentId) {
        return t.grant().roles().stream().anyMatch(r ->
                (r.entityType() == EntityType.DEPLOYMENT && r.entityId().equals(deploymentId))
                || (r.entityType().isDag() && deploymentId.equals(r.deploymentId())));
    }

    /**
     * {@code dagId} and {@code dagTags} together ask which tokens hold a role reaching one dag: a {@code DAG} entry on
     * that dag or a {@code DAG_TAG} entry on any of the tags (the question validate answers with the same two inputs).
     * Only explicit dag entries count, not the dag rights a workspace or deployment role implies. With a
     * {@code deploymentId}, the entry must be on that deployment, since a dag id is unique only within one.
     */
    private record DagFilter(String dagId, Set<String> tags, String deploymentId) {

        static DagFilter of(String dagId, List<String> tags, String deploymentId) {
            List<String> dagTags = tags == null ? List.of() : tags;
            if (dagId != null) {
                Inputs.entityId("dagId", dagId);
            }
            if (dagTags.size() > MAX_DAG_TAGS) {
                throw LatchkeyException.invalid("dagTags", "TOO_MANY", "At most " + MAX_DAG_TAGS + " dagTags");
            }
            for (int i = 0; i < dagTags.size(); i++) {
                Inputs.entityId("dagTags[" + i + "]", dagTags.get(i));
            }
            return dagId == null && dagTags.isEmpty() ? null : new DagFilter(dagId, Set.copyOf(dagTags), deploymentId);
        }

        boolean matches(ApiToken t) {
            return t.grant().roles().stream().anyMatch(r -> (deploymentId == null || deploymentId.equals(r.deploymentId()))
                    && ((r.entityType() == EntityType.DAG && r.entityId().equals(dagId))
                    || (r.entityType() == EntityType.DAG_TAG && tags.contains(r.entityId()))));
        }
    }

    /** Who sees what; loads the deployment-to-workspace map once, and only when a rule needs it. */
    private final class Visibility {
        private final Caller caller;
        private final String organizationId;
        private Map<String, String> deploymentWorkspaces;

        Visibility(Caller caller, String organizationId) {
            this.caller = caller;
            this.organizationId = organizationId;
        }

        boolean canSee(ApiToken t) {
            RoleSet roles = caller.roles();
            if (roles.isOrganizationOwner() || t.id().equals(caller.tokenId())
                    || TokenAccess.canManage(roles, t.grant().scope(), ManagedTokens.workspaceOf(t))) {
                return true;
            }
            return TokenAccess.managesAnEntryOf(roles, t.grant().roles(), this::workspaceOf);
        }

        boolean touchesWorkspace(ApiToken t, String workspaceId) {
            return workspaceId.equals(ManagedTokens.workspaceOf(t))
                    || t.grant().roles().stream().anyMatch(r -> workspaceId.equals(workspaceOf(r)));
        }

        private String workspaceOf(RoleAssignment r) {
            return switch (r.entityType()) {
                case ORGANIZATION -> null;
                case WORKSPACE -> r.entityId();
                case DEPLOYMENT, DAG, DAG_TAG -> deployments().get(r.deployment());
            };
        }

        private Map<String, String> deployments() {
            if (deploymentWorkspaces == null) {
                deploymentWorkspaces = registry.deploymentWorkspaces(organizationId);
            }
            return deploymentWorkspaces;
        }
    }


    /** {@code sorts} entries are {@code field:asc} or {@code field:desc}; ties fall back to creation order, then id. */
    private static Comparator<ApiToken> parseSorts(List<String> sorts) {
        return ListParams.order(sorts, SORT_KEYS, SORT_KEYS.get("createdAt").thenComparing(SORT_KEYS.get("id")));
    }

    private static Comparator<ApiToken> nullsFirst(Function<ApiToken, Instant> field) {
        return Comparator.comparing(field, Comparator.nullsFirst(Comparator.naturalOrder()));
    }
}
