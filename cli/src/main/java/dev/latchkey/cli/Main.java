package dev.latchkey.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.regex.Pattern;

/** {@code latchkey}: the command tree, and how its failures become messages and exit statuses. */
public final class Main {

    @Command(name = "latchkey", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            header = "Create, rotate, revoke and check Latchkey API tokens.",
            synopsisSubcommandLabel = "COMMAND",
            description = {"Configuration, highest precedence first: flags, then the environment (LATCHKEY_API_URL, "
                    + "LATCHKEY_ORGANIZATION_ID, LATCHKEY_PROFILE), then the profile file "
                    + "$XDG_CONFIG_HOME/latchkey/NAME.properties (api-url, organization-id), then defaults. "
                    + "The token comes only from LATCHKEY_API_TOKEN or, with --token-stdin, standard input."},
            subcommands = {HelpPath.class, WhoamiCommand.class, TokenCommands.class, EntityCommands.Workspaces.class,
                    EntityCommands.Deployments.class, PolicyCommands.class, AuditCommand.class, ValidateCommand.class,
                    LeaksCommand.class, Completions.Command.class})
    static final class Latchkey extends Group {
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"latchkey " + version()};
        }
    }

    /** Anything shaped like a token value is masked before a usage message repeats the command line. */
    private static final Pattern VALUE_LIKE = Pattern.compile("[a-z]{1,16}[owd]_[A-Za-z0-9_-]{8,}|eyJ[A-Za-z0-9_.-]{16,}");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Latchkey());
        manStyle(cli);
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("error: " + VALUE_LIKE.matcher(String.valueOf(e.getMessage())).replaceAll("<redacted>"));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
                err.println("See 'latchkey help " + e.getCommandLine().getCommandSpec().qualifiedName(" ")
                        .replaceFirst("^latchkey ?", "") + "'.");
            }
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter err = command.getErr();
            if (e instanceof ApiException api) {
                err.println(api.describe());
                return api.exitCode();
            }
            if (e instanceof CliException c) {
                err.println("error: " + c.getMessage());
                return c.exitCode;
            }
            // Not a message: an exception's text could quote an answer, and answers can carry token values.
            err.println("error: internal error (" + e.getClass().getName() + ")");
            return ExitCodes.API_ERROR;
        });
        return cli;
    }

    /** Every command's usage ends like a man page: exit statuses and the environment it reads. */
    private static void manStyle(CommandLine command) {
        java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
        for (String entry : ExitCodes.LIST) {
            codes.put(entry.substring(0, entry.indexOf(':')), entry.substring(entry.indexOf(':') + 1));
        }
        command.getCommandSpec().usageMessage()
                .sectionKeys(withEnvironment(command.getCommandSpec().usageMessage().sectionKeys()))
                .exitCodeListHeading("%nExit status:%n").exitCodeList(codes)
                .sectionMap().put(ENVIRONMENT, help -> ENVIRONMENT_TEXT);
        command.getSubcommands().values().forEach(Main::manStyle);
    }

    private static final String ENVIRONMENT = "environment";
    private static final String ENVIRONMENT_TEXT = String.join(System.lineSeparator(), "", "Environment:",
            "  LATCHKEY_API_TOKEN        the caller's token (never an argument; or --token-stdin)",
            "  LATCHKEY_API_URL          API base URL (default " + Session.DEFAULT_URL + ")",
            "  LATCHKEY_ORGANIZATION_ID  organization (default: the caller's own)",
            "  LATCHKEY_PROFILE          profile name: $XDG_CONFIG_HOME/latchkey/NAME.properties",
            "  HTTPS_PROXY, HTTP_PROXY, NO_PROXY  proxies, as curl reads them",
            "Precedence: flag > environment > profile > default.", "");

    private static java.util.List<String> withEnvironment(java.util.List<String> keys) {
        java.util.List<String> out = new java.util.ArrayList<>(keys);
        out.add(out.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING), ENVIRONMENT);
        return out;
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/latchkey-cli.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
