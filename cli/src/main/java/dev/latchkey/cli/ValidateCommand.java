package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.Console;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Command(name = "validate", mixinStandardHelpOptions = true,
        header = "Check a token value read from standard input (POST /v1/validate); exit 0 only for VALID.",
        description = "The value is read from the first line of standard input (on a terminal, without echo), never from "
                + "an argument. Naming a workspace, deployment, dag or permission sends the organization too "
                + "(configured, or the caller's own from whoami).")
final class ValidateCommand extends ApiCommand {
    @Option(names = "--permission", paramLabel = "P", description = "e.g. deployment.deploy") String permission;
    @Option(names = "--workspace", paramLabel = "ID") String workspace;
    @Option(names = "--deployment", paramLabel = "ID") String deployment;
    @Option(names = "--dag", paramLabel = "ID") String dag;
    @Option(names = "--dag-tag", paramLabel = "TAG", description = "repeatable") List<String> dagTags = new ArrayList<>();
    @Option(names = "--source-ip", paramLabel = "IP", description = "where the value is being used from, for tokens with allowed networks")
    String sourceIp;

    @Override
    int run(Session s) throws IOException {
        if (common.tokenStdin) {
            throw CliException.usage("validate reads the value to check from standard input; it needs no --token-stdin");
        }
        String value = readValue(s);
        ObjectNode body = Json.object().put("token", value);
        boolean namesResource = permission != null || workspace != null || deployment != null || dag != null || !dagTags.isEmpty();
        String organization = s.configuredOrganization();
        if (organization == null && namesResource) {
            if (!s.hasToken()) {
                throw CliException.usage("naming a workspace, deployment, dag or permission needs the organization: pass "
                        + "--organization-id or set LATCHKEY_ORGANIZATION_ID (or LATCHKEY_API_TOKEN, to use your own)");
            }
            organization = s.organization();
        }
        TokenCommands.putIfSet(body, "organizationId", organization);
        TokenCommands.putIfSet(body, "workspaceId", workspace);
        TokenCommands.putIfSet(body, "deploymentId", deployment);
        TokenCommands.putIfSet(body, "dagId", dag);
        if (!dagTags.isEmpty()) {
            dagTags.forEach(body.putArray("dagTags")::add);
        }
        TokenCommands.putIfSet(body, "permission", permission);
        TokenCommands.putIfSet(body, "sourceIp", sourceIp);
        JsonNode answer = s.api().send("POST", "v1/validate", body, Map.of(), false, true).json();
        String code = Json.text(answer, "code");
        JsonNode token = answer.path("token");
        Output.document(s, answer, List.of(new String[]{"code", code}, new String[]{"token", Json.text(token, "id")},
                new String[]{"scope", Json.text(token, "scope")}, new String[]{"entity", Json.text(token, "entityId")}));
        return "VALID".equals(code) ? ExitCodes.OK : ExitCodes.NOT_VALID;
    }

    private static String readValue(Session s) throws IOException {
        Console console = System.console();
        String line;
        if (Terminal.stdin() && console != null) {
            char[] typed = console.readPassword("Token value: ");
            line = typed == null ? null : new String(typed);
        } else {
            line = s.in.readLine();
        }
        if (line == null || line.isBlank()) {
            throw CliException.usage("no token value on standard input");
        }
        return line.strip();
    }
}
