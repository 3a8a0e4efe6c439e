package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

@Command(name = "audit", mixinStandardHelpOptions = true, header = "Export the organization's audit log.",
        subcommands = AuditCommand.Export.class)
final class AuditCommand extends Group {
    static final int PAGE = 1000;

    @Command(name = "export", mixinStandardHelpOptions = true,
            header = "Export audit events between two instants, following every page (Organization Owner).")
    static final class Export extends ApiCommand {
        enum Format { json, jsonl }

        @Option(names = "--from", required = true, paramLabel = "INSTANT", description = "ISO-8601, e.g. 2026-11-01T00:00:00Z") String from;
        @Option(names = "--to", required = true, paramLabel = "INSTANT") String to;
        @Option(names = "--format", paramLabel = "FORMAT", description = "json (one document, the default) or jsonl (one event a line)") Format format;
        @Option(names = "--output", paramLabel = "FILE", description = "write here instead of standard output") Path output;

        @Override
        int run(Session s) throws IOException {
            Format f = format != null ? format : s.options.format == Common.Format.jsonl ? Format.jsonl : Format.json;
            try (OutputStream file = output == null ? null : Files.newOutputStream(output)) {
                PrintStream out = file == null ? s.out : new PrintStream(file, false, StandardCharsets.UTF_8);
                boolean progress = Terminal.stderr() && !s.options.quiet;
                ArrayNode all = Json.array();
                long count = 0;
                String cursor = null;
                do {
                    Api.Response page = s.api().send("GET", s.orgPath() + "/audit-logs" + Api.query(java.util.Arrays.asList("from", from, "to", to,
                            "limit", Integer.toString(PAGE), "format", f.name(), "cursor", cursor)), null, Map.of(), true, true);
                    if (f == Format.jsonl) {
                        for (String line : page.body().split("\n")) {
                            if (!line.isBlank()) {
                                out.println(line);
                                count++;
                            }
                        }
                        cursor = page.headers().firstValue("Latchkey-Next-Cursor").orElse(null);
                    } else {
                        JsonNode doc = page.json();
                        all.addAll((ArrayNode) doc.path("events"));
                        count = all.size();
                        cursor = Json.text(doc, "nextCursor");
                    }
                    if (progress) {
                        s.err.print("\rexported " + count + " events");
                    }
                } while (cursor != null);
                if (progress) {
                    s.err.println();
                }
                if (f == Format.json) {
                    ObjectNode doc = Json.object();
                    doc.set("events", all);
                    doc.putNull("nextCursor");
                    out.println(Json.write(doc));
                }
                out.flush();
                if (output != null) {
                    s.note("wrote " + count + " events to " + output);
                }
            }
            return ExitCodes.OK;
        }
    }
}
