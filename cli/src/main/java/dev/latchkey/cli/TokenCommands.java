package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Command(name = "tokens", mixinStandardHelpOptions = true, header = "List, read, create, change, rotate and delete tokens.",
        subcommands = {TokenCommands.ListTokens.class, TokenCommands.Get.class, TokenCommands.Create.class,
                TokenCommands.Update.class, TokenCommands.Roles.class, TokenCommands.Rotate.class, TokenCommands.Delete.class})
final class TokenCommands extends Group {

    static String tokenPath(Session s, String id) {
        return s.orgPath() + "/tokens/" + Api.segment(id);
    }

    static JsonNode read(Session s, String id) {
        return s.api().send("GET", tokenPath(s, id), null, Map.of(), true, true).json();
    }

    /** A created or rotated token: its value goes to standard output exactly once, and nowhere else. */
    static void printIssued(Session s, JsonNode issued, boolean valueOnly) {
        if (valueOnly) {
            s.out.println(Json.text(issued, "token"));
            return;
        }
        List<String[]> rows = Output.tokenRows(issued);
        rows.add(new String[]{"token", Json.text(issued, "token")});
        Output.document(s, issued, rows);
        s.note("The token value is shown once: store it now.");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "List the organization's tokens.")
    static final class ListTokens extends ApiCommand {
        @Option(names = "--workspace", paramLabel = "ID") String workspace;
        @Option(names = "--deployment", paramLabel = "ID") String deployment;
        @Option(names = "--dag", paramLabel = "ID") String dag;
        @Option(names = "--dag-tag", paramLabel = "TAG", description = "repeatable") List<String> dagTags = new ArrayList<>();
        @Option(names = "--organization-only", description = "only organization tokens") boolean organizationOnly;
        @Option(names = "--kind", paramLabel = "KIND", description = "STANDARD or DIRECT_ACCESS") String kind;
        @Option(names = "--sort", paramLabel = "FIELD:asc|desc", description = "repeatable, e.g. name:asc") List<String> sorts = new ArrayList<>();
        @Option(names = "--limit", paramLabel = "N", description = "page size (API default 20, at most 1000)") Integer limit;
        @Option(names = "--offset", paramLabel = "N") Integer offset;
        @Option(names = "--all", description = "page through every matching token") boolean all;

        @Override
        int run(Session s) {
            int pageSize = limit != null ? limit : all ? 100 : -1;
            int start = offset == null ? 0 : offset;
            ArrayNode tokens = Json.array();
            JsonNode page;
            int at = start;
            do {
                page = s.api().send("GET", s.orgPath() + "/tokens" + query(pageSize < 0 ? null : pageSize,
                        all || offset != null ? at : null), null, Map.of(), true, true).json();
                tokens.addAll((ArrayNode) page.path("tokens"));
                at = start + tokens.size();
            } while (all && pageSize > 0 && page.path("tokens").size() > 0 && at < page.path("totalCount").asInt());
            ObjectNode doc = all ? Json.object().set("tokens", tokens) : (ObjectNode) page;
            if (all) {
                doc.put("totalCount", page.path("totalCount").asInt()).put("offset", start).put("limit", tokens.size());
            }
            List<String[]> rows = new ArrayList<>();
            for (JsonNode t : tokens) {
                rows.add(new String[]{Json.text(t, "id"), Json.text(t, "name"), Json.text(t, "scope"), Json.text(t, "entityId"),
                        Output.roles(t), Json.text(t, "kind"), Json.text(t, "endAt"), Json.text(t, "lastUsedAt")});
            }
            Output.list(s, doc, tokens, new String[]{"ID", "NAME", "SCOPE", "ENTITY", "ROLES", "KIND", "END", "LAST USED"}, rows);
            return ExitCodes.OK;
        }

        private String query(Integer pageLimit, Integer pageOffset) {
            List<String> q = new ArrayList<>(java.util.Arrays.asList("workspaceId", nz(workspace), "deploymentId", nz(deployment),
                    "dagId", nz(dag), "includeOnlyOrganizationTokens", organizationOnly ? "true" : null, "kind", nz(kind),
                    "limit", pageLimit == null ? null : pageLimit.toString(),
                    "offset", pageOffset == null ? null : pageOffset.toString()));
            dagTags.forEach(t -> q.addAll(java.util.Arrays.asList("dagTags", t)));
            sorts.forEach(t -> q.addAll(List.of("sorts", t)));
            return Api.query(q);
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, header = "Show one token (never its value).")
    static final class Get extends ApiCommand {
        @Parameters(paramLabel = "ID") String id;

        @Override
        int run(Session s) {
            JsonNode t = read(s, id);
            Output.document(s, t, Output.tokenRows(t));
            return ExitCodes.OK;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, header = "Create a token; its value is printed once.",
            description = "The scope follows from the role unless --scope says otherwise; --entity defaults to the organization.")
    static final class Create extends ApiCommand {
        @Option(names = "--name", required = true) String name;
        @Option(names = "--description") String description;
        @Option(names = "--scope", paramLabel = "SCOPE", description = "ORGANIZATION, WORKSPACE or DEPLOYMENT") String scope;
        @Option(names = "--entity", paramLabel = "ID", description = "the workspace or deployment id") String entity;
        @Option(names = "--role", required = true, paramLabel = "ROLE") String role;
        @Option(names = "--expires-in-days", paramLabel = "N") Integer expiresInDays;
        @Option(names = "--direct-access", description = "a signed JWT value (Organization Owners, where the policy allows)") boolean directAccess;
        @Option(names = "--secret", arity = "0..1", fallbackValue = "", paramLabel = "NAME",
                description = "keep a copy in Secrets Manager (default name latchkey/<organization>/<token id>)") String secret;
        @Option(names = "--rotate-every-days", paramLabel = "N", description = "rotation policy (needs --secret)") Integer rotateEveryDays;
        @Option(names = "--grace-seconds", paramLabel = "N", description = "grace of the scheduled rotations") Long graceSeconds;
        @Option(names = "--idempotency-key", paramLabel = "KEY", description = "retrying with the same key replays the first answer") String idempotencyKey;
        @Option(names = "--value-only", description = "print the value alone, for a pipe") boolean valueOnly;
        @Option(names = "--allowed-cidr", paramLabel = "CIDR", description = "repeatable: the networks the token may be used from")
        List<String> allowedCidrs = new ArrayList<>();

        @Override
        int run(Session s) {
            if (graceSeconds != null && rotateEveryDays == null) {
                throw CliException.usage("--grace-seconds needs --rotate-every-days");
            }
            ObjectNode body = Json.object().put("name", name);
            putIfSet(body, "description", description);
            body.put("scope", scope != null ? scope.toUpperCase() : scopeOf(role));
            putIfSet(body, "entityId", entity);
            body.put("role", role.toUpperCase());
            if (expiresInDays != null) {
                body.put("tokenExpiryPeriodInDays", expiresInDays);
            }
            if (directAccess) {
                body.put("kind", "DIRECT_ACCESS");
            }
            if (secret != null) {
                ObjectNode copy = body.putObject("secretsManager");
                if (!secret.isEmpty()) {
                    copy.put("secretName", secret);
                }
            }
            if (rotateEveryDays != null) {
                body.putObject("rotation").put("everyDays", rotateEveryDays).put("gracePeriodSeconds", graceSeconds == null ? 0 : graceSeconds);
            }
            if (!allowedCidrs.isEmpty()) {
                allowedCidrs.forEach(body.putArray("allowedCidrs")::add);
            }
            Map<String, String> headers = new HashMap<>();
            if (idempotencyKey != null) {
                headers.put("Idempotency-Key", idempotencyKey);
            }
            // Without a key a repeated create after a 503 could make a second token; with one it replays the first.
            JsonNode created = s.api().send("POST", s.orgPath() + "/tokens", body, headers, true, idempotencyKey != null).json();
            printIssued(s, created, valueOnly);
            return ExitCodes.OK;
        }

        static String scopeOf(String role) {
            String r = role.toUpperCase();
            if (r.startsWith("ORGANIZATION_")) {
                return "ORGANIZATION";
            }
            if (r.startsWith("WORKSPACE_")) {
                return "WORKSPACE";
            }
            if (r.startsWith("DEPLOYMENT_")) {
                return "DEPLOYMENT";
            }
            throw CliException.usage("cannot tell the scope of role " + role + ": pass --scope");
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            header = "Rename a token, or change its description, rotation policy or allowed networks.")
    static final class Update extends ApiCommand {
        @Parameters(paramLabel = "ID") String id;
        @Option(names = "--name") String name;
        @Option(names = "--description") String description;
        @Option(names = "--rotate-every-days", paramLabel = "N") Integer rotateEveryDays;
        @Option(names = "--grace-seconds", paramLabel = "N") Long graceSeconds;
        @Option(names = "--no-rotation", description = "remove the rotation policy") boolean noRotation;
        @Option(names = "--allowed-cidr", paramLabel = "CIDR", description = "repeatable: replace the networks the token may be used from")
        List<String> allowedCidrs = new ArrayList<>();
        @Option(names = "--no-allowed-cidrs", description = "remove the network binding: usable from anywhere") boolean noAllowedCidrs;

        @Override
        int run(Session s) {
            if (noRotation && (rotateEveryDays != null || graceSeconds != null)) {
                throw CliException.usage("--no-rotation cannot be combined with --rotate-every-days or --grace-seconds");
            }
            if (noAllowedCidrs && !allowedCidrs.isEmpty()) {
                throw CliException.usage("--no-allowed-cidrs cannot be combined with --allowed-cidr");
            }
            JsonNode current = read(s, id);
            // The API wants the name on every update: keep the current one unless a new one is given.
            ObjectNode body = Json.object().put("name", name != null ? name : Json.text(current, "name"));
            putIfSet(body, "description", description);
            if (noRotation) {
                body.putObject("rotation").put("everyDays", 0).put("gracePeriodSeconds", 0);
            } else if (rotateEveryDays != null || graceSeconds != null) {
                JsonNode now = current.path("rotation");
                if (rotateEveryDays == null && now.isMissingNode()) {
                    throw CliException.usage("the token has no rotation policy: pass --rotate-every-days");
                }
                body.putObject("rotation")
                        .put("everyDays", rotateEveryDays != null ? rotateEveryDays : now.path("everyDays").asInt())
                        .put("gracePeriodSeconds", graceSeconds != null ? graceSeconds : now.path("gracePeriodSeconds").asLong(0));
            }
            if (noAllowedCidrs || !allowedCidrs.isEmpty()) {
                // [] is how the API removes the binding; no allowedCidrs field keeps it.
                com.fasterxml.jackson.databind.node.ArrayNode list = body.putArray("allowedCidrs");
                allowedCidrs.forEach(list::add);
            }
            JsonNode updated = s.api().send("POST", tokenPath(s, id), body, Map.of(), true, true).json();
            if (!s.options.quiet) {
                Output.document(s, updated, Output.tokenRows(updated));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "roles", mixinStandardHelpOptions = true, header = "Replace, add or remove a token's roles.",
            description = {"ROLE@ENTITY: ORGANIZATION_MEMBER@acme, WORKSPACE_AUTHOR@ws-analytics, DEPLOYMENT_ADMIN@dep-etl, "
                    + "DAG_VIEWER@dep-etl/dag:nightly, DAG_AUTHOR@dep-etl/tag:finance.",
                    "--add and --remove are applied to the current set, read first, and the result is sent as one "
                            + "replace; on 409 (a concurrent change) the set is read again and the change re-applied."})
    static final class Roles extends ApiCommand {
        static final int ATTEMPTS = 3;

        @Parameters(paramLabel = "ID") String id;

        @ArgGroup(exclusive = false, multiplicity = "1")
        Change change;

        static final class Change {
            @Option(names = "--set", arity = "1..*", paramLabel = "ROLE@ENTITY", description = "the complete new set") List<String> set;
            @Option(names = "--add", arity = "1..*", paramLabel = "ROLE@ENTITY") List<String> add;
            @Option(names = "--remove", arity = "1..*", paramLabel = "ROLE@ENTITY") List<String> remove;
        }

        @Override
        int run(Session s) {
            if (change.set != null && (change.add != null || change.remove != null)) {
                throw CliException.usage("--set replaces the whole set: do not combine it with --add or --remove");
            }
            List<RoleSpec> set = specs(change.set);
            List<RoleSpec> add = specs(change.add);
            List<RoleSpec> remove = specs(change.remove);
            for (int attempt = 1; ; attempt++) {
                List<RoleSpec> next = change.set != null ? set : apply(current(s), add, remove);
                ArrayNode roles = Json.array();
                next.forEach(r -> roles.add(r.toJson()));
                try {
                    JsonNode answer = s.api().send("POST", tokenPath(s, id) + "/roles",
                            Json.object().set("roles", roles), Map.of(), true, true).json();
                    if (!s.options.quiet) {
                        List<String[]> rows = new ArrayList<>();
                        next.forEach(r -> rows.add(new String[]{"role", r.toString()}));
                        Output.document(s, answer, rows);
                    }
                    return ExitCodes.OK;
                } catch (ApiException e) {
                    if (e.status != 409 || attempt == ATTEMPTS) {
                        throw e;
                    }
                    s.note("roles changed at the same time (409); reading them again (attempt " + (attempt + 1) + ")");
                }
            }
        }

        private List<RoleSpec> current(Session s) {
            List<RoleSpec> now = new ArrayList<>();
            read(s, id).path("roles").forEach(r -> now.add(RoleSpec.of(r)));
            return now;
        }

        static List<RoleSpec> apply(List<RoleSpec> current, List<RoleSpec> add, List<RoleSpec> remove) {
            List<RoleSpec> next = new ArrayList<>(current);
            next.removeIf(r -> remove.stream().anyMatch(r::equals));
            for (RoleSpec a : add) {
                next.removeIf(a::sameEntity);   // one role per entity: adding on an entity replaces its role
                next.add(a);
            }
            return next;
        }

        private static List<RoleSpec> specs(List<String> texts) {
            List<RoleSpec> specs = new ArrayList<>();
            if (texts != null) {
                texts.forEach(t -> specs.add(RoleSpec.parse(t)));
            }
            return specs;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true, header = "Give a token a new value (same id); printed once.")
    static final class Rotate extends ApiCommand {
        @Parameters(paramLabel = "ID") String id;
        @Option(names = "--grace-seconds", paramLabel = "N", description = "keep the old value working this long (default 0)") Long graceSeconds;
        @Option(names = "--value-only", description = "print the new value alone, for a pipe") boolean valueOnly;

        @Override
        int run(Session s) {
            ObjectNode body = Json.object();
            if (graceSeconds != null) {
                body.put("gracePeriodSeconds", graceSeconds);
            }
            // Never repeated: a second rotation would kill the value the first one made.
            JsonNode rotated = s.api().send("POST", tokenPath(s, id) + "/rotate", body, Map.of(), true, false).json();
            printIssued(s, rotated, valueOnly);
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, header = "Delete a token: every value of it stops working at once.",
            description = "On a terminal, asks you to type the token's name; otherwise --yes is required.")
    static final class Delete extends ApiCommand {
        @Parameters(paramLabel = "ID") String id;
        @Option(names = {"-y", "--yes"}, description = "do not ask") boolean yes;

        @Override
        int run(Session s) throws IOException {
            if (!yes) {
                if (!Terminal.stdin() || common.tokenStdin) {
                    throw CliException.usage("standard input is not a terminal: pass --yes to delete " + id);
                }
                String name = Json.text(read(s, id), "name");
                s.err.print("Type the token's name (" + name + ") to delete it: ");
                s.err.flush();
                String typed = s.in.readLine();
                if (typed == null || !typed.strip().equals(name)) {
                    throw CliException.usage("the name did not match; nothing was deleted");
                }
            }
            Api.Response r = s.api().send("DELETE", tokenPath(s, id), null, Map.of(), true, true);
            if (r.status() == 200) {
                // Revoked, but its Secrets Manager copy is still there: say so even with --quiet.
                JsonNode body = r.json();
                s.err.println("warning: " + Json.text(body.path("secretsManager"), "message"));
                Output.document(s, body, List.of(new String[]{"id", Json.text(body, "id")},
                        new String[]{"secret left behind", Json.text(body.path("secretsManager"), "secretArn")}));
            } else {
                s.note("deleted " + id);
            }
            return ExitCodes.OK;
        }
    }

    static String nz(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static void putIfSet(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
