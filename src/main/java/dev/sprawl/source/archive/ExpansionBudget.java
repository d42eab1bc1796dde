package dev.sprawl.source.archive;

/**
 * What one archive or image layer, with everything nested in it, has spent of its {@link ArchiveLimits}.
 * Used by one thread at a time.
 */
public final class ExpansionBudget {

    private final ArchiveLimits limits;
    private long entries;
    private long expanded;

    public ExpansionBudget(ArchiveLimits limits) {
        this.limits = limits;
    }

    public ArchiveLimits limits() {
        return limits;
    }

    /** Counts one member; throws once more than {@code maxEntries} were read. */
    public void entry() throws BudgetExceededException {
        if (++entries > limits.maxEntries()) {
            throw new BudgetExceededException(true, "more than " + limits.maxEntries()
                    + " members (--max-archive-entries)");
        }
    }

    /** Counts decompressed bytes; throws once more than {@code maxExpandedBytes} were produced. */
    void expanded(long n) throws BudgetExceededException {
        expanded += n;
        if (expanded > limits.maxExpandedBytes()) {
            throw new BudgetExceededException(true, "more than " + limits.maxExpandedBytes()
                    + " bytes expanded (--max-archive-bytes)");
        }
    }

    public long expandedBytes() {
        return expanded;
    }
}
