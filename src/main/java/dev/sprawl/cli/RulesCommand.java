package dev.sprawl.cli;

import dev.sprawl.detect.RuleLinter;
import dev.sprawl.rules.Rule;
import dev.sprawl.rules.RuleCatalog;
import dev.sprawl.rules.RuleLoadException;
import dev.sprawl.rules.RuleProblem;
import dev.sprawl.rules.RuleSet;
import dev.sprawl.rules.RuleSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "List or check detector rules.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.CheckRules.class})
final class RulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list or check");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the rules: built-in and --rules.")
    static final class ListRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--rules", paramLabel = "PATH", description = "Extra rule file or folder (repeatable).")
        List<Path> ruleFiles = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            RuleSet rules;
            try {
                rules = RuleLoading.load(ruleFiles);
            } catch (RuleLoadException | IOException e) {
                spec.commandLine().getErr().println("sprawl: " + e.getMessage());
                return ExitCode.USAGE.code();
            }
            int idWidth = rules.rules().stream().mapToInt(r -> r.id().length()).max().orElse(2);
            int providerWidth = rules.rules().stream().mapToInt(r -> r.provider().length()).max().orElse(8);
            String fmt = "%-" + idWidth + "s  %-" + providerWidth + "s  %-17s  %-6s  %s%n";
            out.printf(fmt, "ID", "PROVIDER", "CATEGORY", "CONF", "NAME");
            for (Rule r : rules.rules()) {
                out.printf(fmt, r.id(), r.provider(), r.category().label(), r.confidence().label(), r.name());
            }
            out.printf("%d rules, %d providers%n", rules.size(),
                    rules.rules().stream().map(Rule::provider).distinct().count());
            return ExitCode.OK.code();
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Lint rules and run their examples: unique ids, compiling, keywords, bounded width, "
                    + "a 'secret' group, examples found and negative examples not. Without PATH, checks the "
                    + "built-in rules. Exit 0 when clean, 1 when problems were found, 2 when a file cannot be read.")
    static final class CheckRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PATH", arity = "0..*", description = "Rule files or folders to check.")
        List<Path> paths = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<RuleSource> builtin = RuleCatalog.builtinSources();
            List<RuleSource> checked = new ArrayList<>();
            try {
                for (Path p : paths) {
                    checked.addAll(RuleCatalog.userSources(p));
                }
            } catch (IOException e) {
                spec.commandLine().getErr().println("sprawl: " + e.getMessage());
                return ExitCode.USAGE.code();
            }
            List<RuleProblem> problems = new ArrayList<>();
            RuleSet rules;
            if (paths.isEmpty()) {
                rules = loadCollecting(builtin, problems);
            } else {
                rules = loadCollecting(checked, problems);
                // ids must not collide with the built-in catalogue either (unless the file is built in)
                List<String> builtinIds = loadCollecting(builtin, new ArrayList<>()).rules().stream()
                        .map(Rule::id).toList();
                for (Rule r : rules.rules()) {
                    // a checked file named like a built-in one is that file being edited
                    String name = Path.of(r.file()).getFileName().toString();
                    boolean sameFile = builtin.stream().anyMatch(b -> b.name().equals("rules/" + name));
                    if (!sameFile && builtinIds.contains(r.id())) {
                        problems.add(new RuleProblem(r.file(), r.line(), r.id(), "id is already used by a built-in rule"));
                    }
                }
            }
            problems.addAll(RuleLinter.lint(rules));
            for (RuleProblem p : problems) {
                out.println(p);
            }
            int examples = rules.rules().stream().mapToInt(r -> r.examples().size() + r.negativeExamples().size()).sum();
            out.printf("%d rules, %d examples checked: %s%n", rules.size(), examples,
                    problems.isEmpty() ? "ok" : problems.size() + " problem(s)");
            return problems.isEmpty() ? ExitCode.OK.code() : ExitCode.SECRETS.code();
        }

        private static RuleSet loadCollecting(List<RuleSource> sources, List<RuleProblem> problems) {
            try {
                return RuleCatalog.load(sources);
            } catch (RuleLoadException e) {
                problems.addAll(e.problems());
                return RuleCatalog.loadValid(sources);
            }
        }
    }
}
