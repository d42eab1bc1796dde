package dev.sprawl.cli;

import picocli.CommandLine.Command;

@Command(name = "sprawl",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Finds the keys, tokens, passwords, private keys and certificates of non-human identities "
                + "and turns them into an owned inventory.",
        subcommands = {ScanCommand.class, RulesCommand.class, MergeCommand.class, SchemaCommand.class,
                CompletionCommand.class},
        footer = {ExitCode.HELP, "Documentation: README.md and docs/*.md (flags: docs/cli.md)."})
final class SprawlCommand implements Runnable {

    private final Terminal terminal;
    private final java.util.Map<String, String> env;

    /** For tools that build the command model without running it (man page, completion). */
    SprawlCommand() {
        this(new Terminal(false, false, false), java.util.Map.of());
    }

    SprawlCommand(Terminal terminal, java.util.Map<String, String> env) {
        this.terminal = terminal;
        this.env = env;
    }

    /** The process environment (tests pass their own). */
    java.util.Map<String, String> env() {
        return env;
    }

    boolean terminal() {
        return terminal.stdout();
    }

    Terminal console() {
        return terminal;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: scan, rules or merge");
    }
}
