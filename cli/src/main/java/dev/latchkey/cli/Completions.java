package dev.latchkey.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Shell completion from the command tree: the build writes {@code latchkey.bash} and {@code _latchkey} (zsh, through
 * its bash-completion emulation, which picocli's script sets up itself), and {@code latchkey completion SHELL} prints one.
 */
public final class Completions {
    private Completions() {
    }

    static String script(String shell) {
        String bash = AutoComplete.bash("latchkey", Main.commandLine());
        return switch (shell) {
            case "bash" -> bash;
            case "zsh" -> "#compdef latchkey\n" + bash;
            default -> throw CliException.usage("completion scripts exist for bash and zsh, not " + shell);
        };
    }

    /** Build time: {@code Completions DIR}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("latchkey.bash"), script("bash"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("_latchkey"), script("zsh"), StandardCharsets.UTF_8);
    }

    @picocli.CommandLine.Command(name = "completion", mixinStandardHelpOptions = true,
            header = "Print the completion script for bash or zsh.",
            description = {"bash: source <(latchkey completion bash)", "zsh: latchkey completion zsh > \"${fpath[1]}/_latchkey\""})
    static final class Command implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "SHELL", description = "bash or zsh") String shell;

        @Override
        public Integer call() {
            System.out.print(script(shell));
            return ExitCodes.OK;
        }
    }
}
