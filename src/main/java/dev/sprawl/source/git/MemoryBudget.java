package dev.sprawl.source.git;

/**
 * Byte budgets of the git source's caches, as shares of the JVM's heap limit ({@code -Xmx}), so the
 * caches never compete with the scan itself for the heap and the resident set follows the limit
 * rather than the repository. Each cache that reaches its budget degrades (JGit re-inflates the
 * base, the blob is read whole) instead of growing.
 */
final class MemoryBudget {

    private static final long MIB = 1024 * 1024;
    /** The heap limit the budgets are shares of. */
    static final long HEAP = Runtime.getRuntime().maxMemory();
    /** JGit's delta-base cache of each reader (one reader per worker): 1/24 of the heap, 8 to 128 MiB. */
    static final int DELTA_BASE_CACHE_BYTES = (int) clamp(HEAP / 24, 8 * MIB, 128 * MIB);
    /** Base blobs kept for the blobs stored as deltas of them: 1/8 of the heap, 16 to 96 MiB. */
    static final long BASES_BYTES = clamp(HEAP / 8, 16 * MIB, 96 * MIB);
    /**
     * Parsed trees the history index keeps per worker, and built trees {@link PackTrees} keeps as arrays:
     * 2 MiB each. Caches of one array per tree larger than this are promoted whole at every young
     * collection and dropped soon after (git/git: 38 full collections, 5-7 s of pauses).
     */
    static final long TREE_ARRAYS_BYTES = 2 * MIB;
    /** The byte ring behind {@link PackTrees}' arrays, per worker, allocated at its first use: 1/25 of the heap, 8 to 64 MiB. */
    static final int TREE_RING_BYTES = (int) clamp(HEAP / 25, 8 * MIB, 64 * MIB);

    /**
     * Pack bytes mapped into memory at once: mapped pages count in the resident set, so they share one
     * budget of 128 MiB, half for JGit's window cache, half for reading deltas directly; a pack past its
     * half is read through its file channel instead.
     */
    static final long MAPPED_BYTES = 128 * MIB;
    /** JGit's window cache (its {@code packedGitLimit}). */
    static final long JGIT_MAPPED_BYTES = MAPPED_BYTES / 2;
    /** Packs mapped whole for delta reading. */
    static final long DELTA_MAPPED_BYTES = MAPPED_BYTES - JGIT_MAPPED_BYTES;

    private MemoryBudget() {
    }

    static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
