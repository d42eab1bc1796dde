package dev.sprawl.source;

import java.util.List;

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

    /** What a sink answers when a source offers a blob by its content id ({@link #recall}). */
    enum Recall {
        /** Not known: read the blob and {@link #accept} it. */
        UNKNOWN,
        /** Known and handled at every provenance: do not read it. */
        RECALLED,
        /** As {@link #RECALLED}, and the blob is a Git LFS pointer file (the source warns as if it had read it). */
        RECALLED_LFS_POINTER
    }

    /**
     * Offers a blob by its content id (a git blob id) before the source reads it. A sink that remembers
     * earlier results ({@code --cache}) handles every provenance from them and answers
     * {@link Recall#RECALLED}: the source then neither reads nor delivers the blob. A sink that changes
     * blobs on their way must change the provenances here in the same way, or answer
     * {@link Recall#UNKNOWN} (the default, and what {@link ForwardingBlobSink} answers unless overridden).
     */
    default Recall recall(String contentId, List<Provenance> provenances) {
        return Recall.UNKNOWN;
    }
}
