package dev.sprawl.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate-completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash and zsh (every subcommand, flag and enum value).",
            "bash: source <(sprawl generate-completion)   zsh: autoload -U +X bashcompinit && bashcompinit; "
                    + "source <(sprawl generate-completion)", "See docs/cli.md."},
        footer = ExitCode.HELP)
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // the script for the whole command tree, from its root; picocli writes it, we only print it
        String script = AutoComplete.bash("sprawl", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
