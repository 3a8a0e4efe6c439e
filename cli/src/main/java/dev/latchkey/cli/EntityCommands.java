package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Registering and removing workspaces and deployments (tokens are only made for registered entities). */
final class EntityCommands {
    private EntityCommands() {
    }

    @Command(name = "workspaces", mixinStandardHelpOptions = true, header = "Register or remove workspaces.",
            subcommands = {RegisterWorkspace.class, RemoveWorkspace.class})
    static final class Workspaces extends Group {
    }

    @Command(name = "deployments", mixinStandardHelpOptions = true, header = "Register or remove deployments.",
            subcommands = {RegisterDeployment.class, RemoveDeployment.class})
    static final class Deployments extends Group {
    }

    @Command(name = "register", mixinStandardHelpOptions = true, header = "Register a workspace (Organization Owner).")
    static final class RegisterWorkspace extends ApiCommand {
        @Parameters(paramLabel = "WORKSPACE_ID") String id;

        @Override
        int run(Session s) {
            return register(s, "workspaces", id, null);
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true, header = "Register a deployment in a workspace (Workspace Owner).")
    static final class RegisterDeployment extends ApiCommand {
        @Parameters(paramLabel = "DEPLOYMENT_ID") String id;
        @Option(names = "--workspace", required = true, paramLabel = "ID") String workspace;

        @Override
        int run(Session s) {
            return register(s, "deployments", id, Json.object().put("workspaceId", workspace));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            header = "Remove a workspace and its deployments, revoking every token scoped to them.")
    static final class RemoveWorkspace extends ApiCommand {
        @Parameters(paramLabel = "WORKSPACE_ID") String id;
        @Option(names = "--dry-run", description = "only show what would be revoked and removed") boolean dryRun;

        @Override
        int run(Session s) {
            return remove(s, "workspaces", id, dryRun);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, header = "Remove a deployment, revoking every token scoped to it.")
    static final class RemoveDeployment extends ApiCommand {
        @Parameters(paramLabel = "DEPLOYMENT_ID") String id;
        @Option(names = "--dry-run", description = "only show what would be revoked and removed") boolean dryRun;

        @Override
        int run(Session s) {
            return remove(s, "deployments", id, dryRun);
        }
    }

    static int register(Session s, String kind, String id, ObjectNode body) {
        Api.Response r = s.api().send("PUT", s.orgPath() + "/" + kind + "/" + Api.segment(id), body, Map.of(), true, true);
        if (!s.options.quiet) {
            JsonNode answer = Json.parseOrNull(r.body());
            List<String[]> rows = new ArrayList<>();
            if (answer != null) {
                answer.fields().forEachRemaining(f -> rows.add(new String[]{f.getKey(), f.getValue().asText()}));
            }
            Output.document(s, answer == null ? Json.object() : answer, rows);
        }
        return ExitCodes.OK;
    }

    static int remove(Session s, String kind, String id, boolean dryRun) {
        JsonNode answer = s.api().send("DELETE", s.orgPath() + "/" + kind + "/" + Api.segment(id)
                + (dryRun ? Api.query(List.of("dryRun", "true")) : ""), null, Map.of(), true, true).json();
        if (!s.options.quiet || dryRun) {
            Output.document(s, answer, List.of(
                    new String[]{"entity", Json.text(answer, "entityType") + " " + Json.text(answer, "entityId")},
                    new String[]{"dry run", Json.text(answer, "dryRun")},
                    new String[]{"revoked tokens", join(answer.path("revokedTokens"))},
                    new String[]{"roles removed from", join(answer.path("rolesRemovedFrom"))},
                    new String[]{"deployments removed", join(answer.path("deploymentsRemoved"))}));
        }
        return ExitCodes.OK;
    }

    private static String join(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(i -> items.add(i.isTextual() ? i.asText() : i.has("id") ? i.get("id").asText() : Json.write(i)));
        return items.isEmpty() ? "(none)" : String.join(",", items);
    }
}
