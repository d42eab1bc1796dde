package dev.sprawl.report;

import dev.sprawl.rules.Confidence;

/**
 * @param showSecrets   include secret values ({@code --show-secrets})
 * @param color         ANSI colours (table on a terminal only)
 * @param version       sprawl's version for the {@code tool} block
 * @param minConfidence lowest confidence the table and Markdown reports list ({@code --min-confidence});
 *                      the others are still counted. The json, sarif, csv and html reports list everything.
 */
public record ReportOptions(boolean showSecrets, boolean color, String version, Confidence minConfidence) {

    public ReportOptions {
        minConfidence = minConfidence == null ? Confidence.LOW : minConfidence;
    }

    /** Options that list every confidence. */
    public ReportOptions(boolean showSecrets, boolean color, String version) {
        this(showSecrets, color, version, Confidence.LOW);
    }
}
