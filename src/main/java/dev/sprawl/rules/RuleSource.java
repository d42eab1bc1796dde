package dev.sprawl.rules;

/**
 * The text of one rule file and the name used for it in diagnostics
 * ({@code rules/aws.yml} for built-in files, the given path for user files).
 */
public record RuleSource(String name, String text) {
}
