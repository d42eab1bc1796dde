package dev.sprawl.rules;

import java.util.Comparator;
import java.util.List;

/** An immutable, id-sorted set of rules with unique ids. */
public record RuleSet(List<Rule> rules) {

    public RuleSet {
        rules = rules.stream().sorted(Comparator.comparing(Rule::id)).toList();
    }

    public int size() {
        return rules.size();
    }
}
