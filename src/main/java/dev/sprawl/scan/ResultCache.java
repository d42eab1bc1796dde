package dev.sprawl.scan;

import dev.sprawl.source.ScanWarning;
import java.util.List;

/**
 * Remembers what blobs yielded, by content id (a git blob id), for incremental rescans. Implementations
 * key the results by the rules' identity as well, so that other rules never see another catalogue's
 * results. Thread-safe: workers call it concurrently.
 */
public interface ResultCache {

    /** What the blob yielded in an earlier scan with the same rules, or null when unknown. */
    BlobResult lookup(String contentId);

    /** Remembers what the blob yielded. */
    void store(String contentId, BlobResult result);

    /** Warnings about the cache itself, added to the scan's warnings when it ends. */
    default List<ScanWarning> warnings() {
        return List.of();
    }

    /** What a whole target contributed to an earlier scan whose target key was {@code key}, or null. */
    default BlobResult.TargetResult lookupTarget(String key) {
        return null;
    }

    /** Remembers what a whole target contributed to the scan. */
    default void storeTarget(String key, BlobResult.TargetResult result) {
    }
}
