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
        int line) {

    /** The provider name of the catch-all rules that lose to any specific rule on the same text. */
    public static final String GENERIC_PROVIDER = "generic";

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

    public boolean isGeneric() {
        return GENERIC_PROVIDER.equals(provider);
    }
}
