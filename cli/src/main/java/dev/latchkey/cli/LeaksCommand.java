package dev.latchkey.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "leaks", mixinStandardHelpOptions = true, header = "Report leaked token values.",
        subcommands = LeaksCommand.Report.class)
final class LeaksCommand extends Group {
    /** The API takes at most this many values a request. */
    static final int BATCH = 20;

    @Command(name = "report", mixinStandardHelpOptions = true,
            header = "Report the values in FILE (one a line; '-' for standard input) as leaked: genuine ones stop working.",
            description = "Needs no token. The answer only says how many values arrived, never which were genuine.")
    static final class Report extends ApiCommand {
        @Parameters(paramLabel = "FILE") String file;

        @Override
        int run(Session s) throws IOException {
            List<String> values = new ArrayList<>();
            try (BufferedReader r = file.equals("-") ? s.in : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) {
                    String v = line.strip();
                    if (!v.isEmpty() && !v.startsWith("#")) {
                        values.add(v);
                    }
                }
            } catch (NoSuchFileException e) {
                throw CliException.usage("no such file: " + file);
            }
            if (values.isEmpty()) {
                throw CliException.usage("no values in " + file);
            }
            long received = 0;
            for (int i = 0; i < values.size(); i += BATCH) {
                ArrayNode batch = Json.array();
                values.subList(i, Math.min(values.size(), i + BATCH)).forEach(batch::add);
                // Repeatable: reporting a value twice revokes it once.
                received += s.api().send("POST", "v1/credentials/revoke", Json.object().set("credentials", batch),
                        Map.of(), false, true).json().path("received").asLong();
            }
            ObjectNode answer = Json.object().put("received", received);
            Output.document(s, answer, List.<String[]>of(new String[]{"received", Long.toString(received)}));
            return ExitCodes.OK;
        }
    }
}
