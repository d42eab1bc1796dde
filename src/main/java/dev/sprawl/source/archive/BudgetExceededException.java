package dev.sprawl.source.archive;

import java.io.IOException;

/**
 * An {@link ArchiveLimits} budget was hit. {@code whole} is true when the rest of the archive (or
 * layer) cannot be read any more (entries, bytes); false when only the current compressed stream is
 * abandoned (its expansion ratio).
 */
public final class BudgetExceededException extends IOException {

    private final boolean whole;

    public BudgetExceededException(boolean whole, String message) {
        super(message);
        this.whole = whole;
    }

    public boolean whole() {
        return whole;
    }
}
