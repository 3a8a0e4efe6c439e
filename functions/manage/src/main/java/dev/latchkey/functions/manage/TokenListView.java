package dev.latchkey.functions.manage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.http.view.ApiTokenView;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Astro's {@code ApiTokensPaginated}; an empty page still says {@code "tokens": []}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TokenListView(List<ApiTokenView> tokens, int totalCount, int offset, int limit) {
}
