package dev.sprawl.source;

/** Where sources deliver blobs and warnings. Thread-safe: sources call it from worker threads. */
public interface BlobSink {

    /** Scans {@code blob} in the calling thread; the blob's buffer may be reused once this returns. */
    void accept(Blob blob);

    void warn(ScanWarning warning);

    /** Counts a git commit walked (for {@code scan.stats.commits}). */
    default void commitWalked() {
    }

    /** No blob delivered from now on derives from the blob with this {@link Blob#key}: its results can go. */
    default void forget(Object key) {
    }
}
