package dev.sprawl.cli;

/** Process exit codes (contract, ARCHITECTURE §2). */
public enum ExitCode {
    /** Nothing to fail on. */
    OK(0),
    /** Secrets found that the {@code --fail-on} policy fails on (even when the scan was incomplete). */
    SECRETS(1),
    /** Usage or configuration error: bad flag, bad rule file, unreadable baseline. */
    USAGE(2),
    /** The scan was incomplete (or stopped by an internal error) and found nothing to fail on. */
    INCOMPLETE(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static final String HELP = "%nExit codes:%n"
            + "  0  nothing to fail on%n"
            + "  1  secrets found that --fail-on fails on, or findings the manifest's policy.fail names%n"
            + "  2  usage or configuration error (bad flag, rule file, baseline or .sprawl.yaml)%n"
            + "  3  scan incomplete (see scan.warnings) and nothing to fail on%n";
}
