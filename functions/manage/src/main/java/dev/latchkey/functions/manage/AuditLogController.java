package dev.latchkey.functions.manage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.error.LatchkeyException;
import dev.latchkey.store.AuditLog;
import dev.latchkey.usecase.Caller;
import dev.latchkey.usecase.AuditQueries;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/organizations/{organizationId}/audit-logs}: Organization Owners export the audit log, as one JSON
 * document ({@code format=json}, default) or as JSON lines ({@code format=jsonl}, the next page's cursor in the
 * {@value #NEXT_CURSOR} header).
 */
@Controller("/v1/organizations/{organizationId}/audit-logs")
public class AuditLogController {

    static final String NEXT_CURSOR = "Latchkey-Next-Cursor";
    static final String JSON_LINES = "application/x-ndjson";

    /** One audit event as exported. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditEventView(String id, Instant at, String action, String outcome, String tokenId, String actorId,
                                 String actorName, String requestId, String detail) {
        static AuditEventView of(AuditEvent e) {
            return new AuditEventView(e.id(), e.at(), e.action().name(), e.outcome().name(), e.tokenId(), e.actorId(),
                    e.actorName(), e.requestId(), e.detail());
        }
    }

    /** A page of the log. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AuditPageView(List<AuditEventView> events, String nextCursor) {
    }

    private final AuditQueries queries;
    private final JsonMapper json;

    public AuditLogController(AuditQueries queries, JsonMapper json) {
        this.queries = queries;
        this.json = json;
    }

    @Get(produces = {MediaType.APPLICATION_JSON, JSON_LINES})
    public HttpResponse<?> export(@PathVariable String organizationId,
                                  @Nullable @QueryValue String from,
                                  @Nullable @QueryValue String to,
                                  @Nullable @QueryValue String cursor,
                                  @Nullable @QueryValue Integer limit,
                                  @Nullable @QueryValue String format,
                                  Caller caller) {
        AuditLog.Page page = queries.page(caller, organizationId, from, to, cursor, limit);
        List<AuditEventView> events = page.events().stream().map(AuditEventView::of).toList();
        if (format == null || format.equals("json")) {
            return HttpResponse.ok(new AuditPageView(events, page.next())).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        if (!format.equals("jsonl")) {
            throw LatchkeyException.invalid("format", "INVALID_VALUE", "format must be json or jsonl");
        }
        StringBuilder lines = new StringBuilder();
        for (AuditEventView e : events) {
            try {
                lines.append(json.writeValueAsString(e)).append('\n');
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        HttpResponse<String> response = HttpResponse.ok(lines.toString()).contentType(JSON_LINES);
        return page.next() == null ? response : HttpResponse.ok(lines.toString()).contentType(JSON_LINES).header(NEXT_CURSOR, page.next());
    }
}
