package dev.sprawl.rules;

/**
 * Something wrong with a rule, located as {@code file:line: rule 'id': message}.
 *
 * @param ruleId null when the problem is not about one rule (an unparseable file)
 */
public record RuleProblem(String file, int line, String ruleId, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (ruleId != null) {
            sb.append("rule '").append(ruleId).append("': ");
        }
        return sb.append(message).toString();
    }
}
