package dev.sprawl.rules;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One detector rule, loaded from a YAML rule file (ARCHITECTURE §4).
 *
 * @param maxWidth the longest text the pattern can match, computed by {@link RegexShape}
 * @param keywordLead how far before a keyword occurrence a match can start: proven from the
 *                 pattern's literals ({@link RegexShape#keywordLead}), else width minus the
 *                 shortest keyword
 * @param file     the rule file it was defined in, for diagnostics
 * @param line     the line of the rule in that file
 * @param engine   null for a regex rule; otherwise the built-in detection engine that finds this
 *                 rule's matches instead of a pattern ({@link Engines}); its {@code pattern} never matches
 */
public record Rule(
        String id,
        String name,
        String provider,
        Category category,
        Confidence confidence,
        List<String> keywords,
        Pattern pattern,
        int maxWidth,
        int keywordLead,
        String validate,
        double minEntropy,
        List<String> references,
        List<String> examples,
        List<String> negativeExamples,
        String file,
        int line,
        String engine) {

    /** The provider name of the catch-all rules that lose to any specific rule on the same text. */
    public static final String GENERIC_PROVIDER = "generic";

    /** A regex rule. */
    public Rule(String id, String name, String provider, Category category, Confidence confidence,
                List<String> keywords, Pattern pattern, int maxWidth, int keywordLead, String validate,
                double minEntropy, List<String> references, List<String> examples, List<String> negativeExamples,
                String file, int line) {
        this(id, name, provider, category, confidence, keywords, pattern, maxWidth, keywordLead, validate,
                minEntropy, references, examples, negativeExamples, file, line, null);
    }

    public Rule {
        keywords = List.copyOf(keywords);
        references = List.copyOf(references);
        examples = List.copyOf(examples);
        negativeExamples = List.copyOf(negativeExamples);
    }

    /** {@code file:line}, for diagnostics. */
    public String origin() {
        return file + ":" + line;
    }

    /**
     * A catch-all rule, whose only evidence is a credential's name or a generic syntax: it loses to any
     * specific rule on the same text. Its id starts with {@code generic-} (a generic engine's finding
     * keeps its id when the name attributes it to a provider) or its provider is {@code generic}.
     */
    public boolean isGeneric() {
        return GENERIC_PROVIDER.equals(provider) || id.startsWith("generic-");
    }

    /**
     * This rule as found by an engine for one match: another id, name, category and provider
     * (a generic credential attributed to {@code zendesk} from its name), everything else the same.
     */
    public Rule variant(String newId, String newName, Category newCategory, String newProvider) {
        return new Rule(newId, newName, newProvider, newCategory, confidence, keywords, pattern, maxWidth,
                keywordLead, validate, minEntropy, references, examples, negativeExamples, file, line, engine);
    }
}
