package dev.sprawl.report;

/**
 * @param showSecrets include secret values ({@code --show-secrets})
 * @param color       ANSI colours (table on a terminal only)
 * @param version     sprawl's version for the {@code tool} block
 */
public record ReportOptions(boolean showSecrets, boolean color, String version) {
}
