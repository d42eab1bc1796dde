package dev.sprawl.detect;

/**
 * Something that stopped detection short in one blob; the scan reports it as a warning and marks
 * itself incomplete.
 *
 * @param code   {@code regex-budget} (a rule's regex exhausted its step budget) or
 *               {@code match-limit} (too many matches in one blob)
 * @param ruleId the rule concerned, or null
 */
public record DetectProblem(String code, String ruleId, String message) {
}
