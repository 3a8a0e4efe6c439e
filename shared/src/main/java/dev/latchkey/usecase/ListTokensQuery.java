package dev.latchkey.usecase;

import java.util.List;

/** The list route's query parameters, as sent. {@code offset} and {@code limit} default to 0 and 20. */
public record ListTokensQuery(String workspaceId, String deploymentId, boolean includeOnlyOrganizationTokens, String kind,
                              Integer offset, Integer limit, List<String> sorts) {
}
