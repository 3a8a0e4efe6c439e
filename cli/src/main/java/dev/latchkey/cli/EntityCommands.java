package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Listing, registering and removing workspaces and deployments (tokens are only made for registered entities). */
final class EntityCommands {
    private EntityCommands() {
    }

    @Command(name = "workspaces", mixinStandardHelpOptions = true, header = "List, register or remove workspaces.",
            subcommands = {ListWorkspaces.class, RegisterWorkspace.class, RemoveWorkspace.class})
    static final class Workspaces extends Group {
    }

    @Command(name = "deployments", mixinStandardHelpOptions = true, header = "List, register or remove deployments.",
            subcommands = {ListDeployments.class, RegisterDeployment.class, RemoveDeployment.class})
    static final class Deployments extends Group {
    }

    /** The options both lists share: paging, sorting, the workspace filter. */
    abstract static class ListEntities extends ApiCommand {
        @Option(names = "--workspace", paramLabel = "ID", description = "repeatable") List<String> workspaces = new ArrayList<>();
        @Option(names = "--sort", paramLabel = "FIELD:asc|desc", description = "repeatable, e.g. createdAt:desc") List<String> sorts = new ArrayList<>();
        @Option(names = "--limit", paramLabel = "N", description = "page size (API default 20, at most 1000)") Integer limit;
        @Option(names = "--offset", paramLabel = "N") Integer offset;
        @Option(names = "--all", description = "page through every match") boolean all;

        /** GET .../{kind} with the filters, one page or (with --all) every page, printed as a list of {kind}. */
        int list(Session s, String kind, List<String> filters) {
            int pageSize = limit != null ? limit : all ? 1000 : -1;
            int start = offset == null ? 0 : offset;
            ArrayNode items = Json.array();
            JsonNode page;
            do {
                List<String> q = new ArrayList<>(filters);
                workspaces.forEach(w -> q.addAll(List.of("workspaceIds", w)));
                sorts.forEach(t -> q.addAll(List.of("sorts", t)));
                q.addAll(java.util.Arrays.asList("limit", pageSize < 0 ? null : Integer.toString(pageSize),
                        "offset", all || offset != null ? Integer.toString(start + items.size()) : null));
                page = s.api().send("GET", s.orgPath() + "/" + kind + Api.query(q), null, Map.of(), true, true).json();
                items.addAll((ArrayNode) page.path(kind));
            } while (all && pageSize > 0 && page.path(kind).size() > 0 && start + items.size() < page.path("totalCount").asInt());
            ObjectNode doc = all ? Json.object().set(kind, items) : (ObjectNode) page;
            if (all) {
                doc.put("totalCount", page.path("totalCount").asInt()).put("offset", start).put("limit", items.size());
            }
            List<String[]> rows = new ArrayList<>();
            items.forEach(e -> rows.add(new String[]{Json.text(e, "id"), Json.text(e, "workspaceId"), Json.text(e, "createdAt")}));
            Output.list(s, doc, items, new String[]{"ID", "WORKSPACE", "CREATED"}, rows);
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "List the registered workspaces you may see.")
    static final class ListWorkspaces extends ListEntities {
        @Override
        int run(Session s) {
            return list(s, "workspaces", List.of());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "List the registered deployments you may see.")
    static final class ListDeployments extends ListEntities {
        @Option(names = "--deployment", paramLabel = "ID", description = "repeatable") List<String> deployments = new ArrayList<>();

        @Override
        int run(Session s) {
            List<String> q = new ArrayList<>();
            deployments.forEach(d -> q.addAll(List.of("deploymentIds", d)));
            return list(s, "deployments", q);
        }
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
