package dev.latchkey.usecase;

import java.util.List;

/** One page of a listing; {@code totalCount} counts every match, not just this page. */
public record Page<T>(List<T> items, int totalCount, int offset, int limit) {
}
