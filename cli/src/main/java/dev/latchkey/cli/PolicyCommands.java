package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

@Command(name = "policy", mixinStandardHelpOptions = true, header = "Read or replace the organization's token policy.",
        subcommands = {PolicyCommands.GetPolicy.class, PolicyCommands.SetPolicy.class})
final class PolicyCommands extends Group {

    static List<String[]> rows(JsonNode p) {
        return List.of(new String[]{"max expiry days", Json.text(p, "maxExpiryDays")},
                new String[]{"require expiry", Json.text(p, "requireExpiry")},
                new String[]{"max grace seconds", Json.text(p, "maxGracePeriodSeconds")},
                new String[]{"allow direct access", Json.text(p, "allowDirectAccess")},
                new String[]{"require allowed cidrs", Json.text(p, "requireAllowedCidrs")},
                new String[]{"max idle days", Json.text(p, "maxIdleDays")},
                new String[]{"expiry notice days", Json.text(p, "expiryNoticeDays")});
    }

    @Command(name = "get", mixinStandardHelpOptions = true, header = "Show the policy (Organization Owner).")
    static final class GetPolicy extends ApiCommand {
        @Override
        int run(Session s) {
            JsonNode p = s.api().send("GET", s.orgPath() + "/policy", null, Map.of(), true, true).json();
            Output.document(s, p, rows(p));
            return ExitCodes.OK;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            header = "Replace the policy whole: a limit not given is removed (Organization Owner).")
    static final class SetPolicy extends ApiCommand {
        @Option(names = "--max-expiry-days", paramLabel = "N") Integer maxExpiryDays;
        @Option(names = "--require-expiry", arity = "0..1", fallbackValue = "true", paramLabel = "true|false") Boolean requireExpiry;
        @Option(names = "--max-grace-seconds", paramLabel = "N") Long maxGraceSeconds;
        @Option(names = "--allow-direct-access", arity = "0..1", fallbackValue = "true", paramLabel = "true|false") Boolean allowDirectAccess;
        @Option(names = "--require-allowed-cidrs", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
                description = "new tokens must carry --allowed-cidr") Boolean requireAllowedCidrs;
        @Option(names = "--max-idle-days", paramLabel = "N",
                description = "the schedule revokes tokens unused this long") Integer maxIdleDays;
        @Option(names = "--expiry-notice-days", paramLabel = "N",
                description = "send Token Expiring N days before expiry (0: none; absent: 7)") Integer expiryNoticeDays;

        @Override
        int run(Session s) {
            ObjectNode body = Json.object();
            if (maxExpiryDays != null) {
                body.put("maxExpiryDays", maxExpiryDays);
            }
            if (requireExpiry != null) {
                body.put("requireExpiry", requireExpiry);
            }
            if (maxGraceSeconds != null) {
                body.put("maxGracePeriodSeconds", maxGraceSeconds);
            }
            if (allowDirectAccess != null) {
                body.put("allowDirectAccess", allowDirectAccess);
            }
            if (requireAllowedCidrs != null) {
                body.put("requireAllowedCidrs", requireAllowedCidrs);
            }
            if (maxIdleDays != null) {
                body.put("maxIdleDays", maxIdleDays);
            }
            if (expiryNoticeDays != null) {
                body.put("expiryNoticeDays", expiryNoticeDays);
            }
            JsonNode p = s.api().send("PUT", s.orgPath() + "/policy", body, Map.of(), true, true).json();
            if (!s.options.quiet) {
                Output.document(s, p, rows(p));
            }
            return ExitCodes.OK;
        }
    }
}
