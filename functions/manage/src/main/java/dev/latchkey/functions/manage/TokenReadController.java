package dev.latchkey.functions.manage;

import dev.latchkey.error.LatchkeyException;
import dev.latchkey.http.view.ApiTokenView;
import dev.latchkey.http.RepeatedQueryValues;
import dev.latchkey.usecase.Caller;
import dev.latchkey.usecase.Inputs;
import dev.latchkey.usecase.ListTokensQuery;
import dev.latchkey.usecase.TokenPage;
import dev.latchkey.usecase.TokenQueries;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;

import java.util.List;

/** Listing and reading tokens (never their values). */
@Controller("/v1/organizations/{organizationId}/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenReadController {

    private final TokenQueries queries;

    public TokenReadController(TokenQueries queries) {
        this.queries = queries;
    }

    @Get
    @RepeatedQueryValues({"dagTags", "sorts"})
    public TokenListView list(@PathVariable String organizationId,
                              @Nullable @QueryValue String workspaceId,
                              @Nullable @QueryValue String deploymentId,
                              @Nullable @QueryValue String dagId,
                              @Nullable @QueryValue String includeOnlyOrganizationTokens,
                              @Nullable @QueryValue String kind,
                              @Nullable @QueryValue Integer offset,
                              @Nullable @QueryValue Integer limit,
                              HttpRequest<?> request,
                              Caller caller) {
        List<String> dagTags = RepeatedQueryValues.Read.all(request, "dagTags");
        List<String> sorts = RepeatedQueryValues.Read.all(request, "sorts");
        TokenPage page = queries.list(caller, organizationId, new ListTokensQuery(
                workspaceId, deploymentId, dagId, dagTags, Inputs.flag("includeOnlyOrganizationTokens", includeOnlyOrganizationTokens), kind, offset, limit, sorts));
        return new TokenListView(page.tokens().stream().map(ApiTokenView::of).toList(), page.totalCount(), page.offset(), page.limit());
    }

    @Get("/{tokenId}")
    public ApiTokenView get(@PathVariable String organizationId, @PathVariable String tokenId, Caller caller) {
        return ApiTokenView.of(queries.get(caller, organizationId, tokenId));
    }
}
