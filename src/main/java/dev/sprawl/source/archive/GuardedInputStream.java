package dev.sprawl.source.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * The decompressed side of a stream: charges every byte to an {@link ExpansionBudget} and stops a
 * stream whose output outgrows its input by more than the ratio limit (a decompression bomb).
 * Also turns the unchecked exceptions a decoder may throw on corrupt input into {@link IOException}s.
 */
public final class GuardedInputStream extends InputStream {

    private final InputStream in;
    private final ExpansionBudget budget;
    private final LongSupplier compressed;
    private long produced;

    /**
     * @param compressed how many compressed bytes this stream has consumed so far; null when the
     *                   stream is not compressed (only the byte budget applies)
     */
    public GuardedInputStream(InputStream in, ExpansionBudget budget, LongSupplier compressed) {
        this.in = in;
        this.budget = budget;
        this.compressed = compressed;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException("corrupt compressed data (" + e.getClass().getSimpleName() + ")", e);
        }
        if (n > 0) {
            produced += n;
            budget.expanded(n);
            if (compressed != null && produced > ArchiveLimits.RATIO_FLOOR) {
                long c = Math.max(1, compressed.getAsLong());
                if (produced / c > budget.limits().maxRatio()) {
                    throw new BudgetExceededException(false, "expands more than " + budget.limits().maxRatio()
                            + " times (--max-archive-ratio): a decompression bomb?");
                }
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
