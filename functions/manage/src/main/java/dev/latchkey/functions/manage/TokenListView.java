package dev.latchkey.functions.manage;

import dev.latchkey.http.view.ApiTokenView;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Astro's {@code ApiTokensPaginated}. */
@Serdeable
public record TokenListView(List<ApiTokenView> tokens, int totalCount, int offset, int limit) {
}
