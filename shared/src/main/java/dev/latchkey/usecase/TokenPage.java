package dev.latchkey.usecase;

import dev.latchkey.domain.ApiToken;

import java.util.List;

/** One page of a token listing; {@code totalCount} counts every match, not just this page. */
public record TokenPage(List<ApiToken> tokens, int totalCount, int offset, int limit) {
}
