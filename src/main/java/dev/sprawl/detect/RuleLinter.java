package dev.sprawl.detect;

import dev.sprawl.rules.Rule;
import dev.sprawl.rules.RuleProblem;
import dev.sprawl.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The checks behind {@code sprawl rules check}, beyond what loading already enforces (ids, fields,
 * compiling, a {@code secret} group, bounded width): every rule has examples and negative examples,
 * each example contains a keyword and is found by the engine (prefilter, window, filters), and no
 * negative example is.
 */
public final class RuleLinter {

    private RuleLinter() {
    }

    /** Every problem with the given (already loaded) rules, in rule order. */
    public static List<RuleProblem> lint(RuleSet rules) {
        List<RuleProblem> problems = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            problems.addAll(lint(rule));
        }
        return problems;
    }

    static List<RuleProblem> lint(Rule rule) {
        List<RuleProblem> out = new ArrayList<>();
        if (rule.examples().isEmpty()) {
            out.add(problem(rule, "has no examples"));
        }
        if (rule.negativeExamples().isEmpty()) {
            out.add(problem(rule, "has no negative examples"));
        }
        Detector single = new Detector(new RuleSet(List.of(rule)));
        for (int i = 0; i < rule.examples().size(); i++) {
            String why = exampleProblem(single, rule, rule.examples().get(i));
            if (why != null) {
                out.add(problem(rule, "example #" + (i + 1) + " " + why));
            }
        }
        for (int i = 0; i < rule.negativeExamples().size(); i++) {
            String why = negativeProblem(single, rule.negativeExamples().get(i));
            if (why != null) {
                out.add(problem(rule, "negative example #" + (i + 1) + " " + why));
            }
        }
        return out;
    }

    /** Why {@code example} fails to be found by {@code rule} through the whole engine, or null. */
    public static String exampleProblem(Rule rule, String example) {
        return exampleProblem(new Detector(new RuleSet(List.of(rule))), rule, example);
    }

    /** Why {@code negative} is wrongly found by {@code rule}, or null. */
    public static String negativeProblem(Rule rule, String negative) {
        return negativeProblem(new Detector(new RuleSet(List.of(rule))), negative);
    }

    private static String exampleProblem(Detector single, Rule rule, String example) {
        String lower = example.toLowerCase(Locale.ROOT);
        if (rule.keywords().stream().noneMatch(lower::contains)) {
            return "contains none of the keywords " + rule.keywords();
        }
        byte[] bytes = example.getBytes(StandardCharsets.UTF_8);
        Detection d = single.detect(bytes, bytes.length);
        if (!d.problems().isEmpty()) {
            return "stopped the engine: " + d.problems().get(0).message();
        }
        if (d.matches().isEmpty()) {
            return rule.pattern().matcher(example).find()
                    ? "matches the pattern, but its secret is filtered as a placeholder"
                    : "does not match";
        }
        return null;
    }

    private static String negativeProblem(Detector single, String negative) {
        byte[] bytes = negative.getBytes(StandardCharsets.UTF_8);
        Detection d = single.detect(bytes, bytes.length);
        if (!d.problems().isEmpty()) {
            return "stopped the engine: " + d.problems().get(0).message();
        }
        return d.matches().isEmpty() ? null : "matches";
    }

    private static RuleProblem problem(Rule rule, String message) {
        return new RuleProblem(rule.file(), rule.line(), rule.id(), message);
    }
}
