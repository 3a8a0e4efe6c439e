package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

@Command(name = "whoami", mixinStandardHelpOptions = true, header = "Show the calling token (GET /v1/whoami).")
final class WhoamiCommand extends ApiCommand {
    @Override
    int run(Session s) {
        JsonNode me = s.whoami();
        Output.document(s, me, Output.tokenRows(me));
        return ExitCodes.OK;
    }
}
