package dev.sprawl.rules;

import java.util.List;

/** Rules could not be loaded; the message lists every problem with its location. */
public final class RuleLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<RuleProblem> problems;

    public RuleLoadException(List<RuleProblem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    private static String render(List<RuleProblem> problems) {
        StringBuilder sb = new StringBuilder("invalid rules:");
        for (RuleProblem p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(p);
        }
        return sb.toString();
    }
}
