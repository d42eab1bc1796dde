package dev.sprawl.source;

/**
 * A problem met during a scan, reported in {@code scan.warnings}.
 *
 * @param code       stable machine-readable code, e.g. {@code file-too-large}
 * @param path       the path concerned, or null
 * @param incomplete true when the problem may hide a secret, which makes the scan incomplete
 */
public record ScanWarning(String code, String message, String path, boolean incomplete) {
}
