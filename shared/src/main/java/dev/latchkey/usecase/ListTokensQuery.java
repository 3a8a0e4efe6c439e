package dev.latchkey.usecase;

import java.util.List;

/**
 * The list route's query parameters, as sent. {@code offset} and {@code limit} default to 0 and 20; {@code dagTags}
 * and {@code sorts} may be null (absent).
 */
public record ListTokensQuery(String workspaceId, String deploymentId, String dagId, List<String> dagTags,
                              boolean includeOnlyOrganizationTokens, String kind, Integer offset, Integer limit,
                              List<String> sorts) {
}
