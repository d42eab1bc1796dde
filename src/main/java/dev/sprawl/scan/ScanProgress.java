package dev.sprawl.scan;

/**
 * A read-only view of a running scan's counters, for whoever shows progress (the CLI). The scan
 * never prints; it only tells a {@link Listener} when it starts and ends.
 */
public interface ScanProgress {

    /**
     * The counters at one moment.
     *
     * @param phase       {@code scan} while sources are read, {@code inventory} while findings are grouped
     * @param targets     targets in the request
     * @param targetsDone targets whose sources have finished
     * @param commits     git commits walked so far
     * @param blobs       blobs scanned so far
     * @param bytes       bytes scanned so far
     */
    record Snapshot(String phase, int targets, int targetsDone, long commits, long blobs, long bytes) {
    }

    Snapshot snapshot();

    /** Told when a scan starts, with its live counters, and when it has finished (also on failure). */
    interface Listener {
        void started(ScanProgress progress);

        void finished();

        /** Listens to nothing. */
        Listener NONE = new Listener() {
            @Override
            public void started(ScanProgress progress) {
            }

            @Override
            public void finished() {
            }
        };
    }
}
