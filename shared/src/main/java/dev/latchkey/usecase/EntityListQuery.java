package dev.latchkey.usecase;

import java.util.List;

/**
 * The workspace and deployment list routes' query parameters, as sent: any of them may be null (absent).
 * {@code deploymentIds} applies to the deployment list only.
 */
public record EntityListQuery(List<String> workspaceIds, List<String> deploymentIds, Integer offset, Integer limit,
                              List<String> sorts) {
}
