package dev.latchkey.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;

/** {@code latchkey help tokens create}: picocli's own help command looks one level down only. */
@Command(name = "help", helpCommand = true, header = "Show the usage of a command: latchkey help tokens create.")
final class HelpPath implements Runnable {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*") List<String> path = new ArrayList<>();

    @Override
    public void run() {
        CommandLine at = spec.parent().commandLine();
        for (String name : path) {
            CommandLine next = at.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Unknown command: " + String.join(" ", path));
            }
            at = next;
        }
        at.usage(System.out);
    }
}
