package dev.sprawl.source.archive;

/**
 * Budgets for expanding archives and compressed streams (archives found anywhere, and image layers).
 * Hitting one is a warning that makes the scan incomplete; it never stops the scan.
 *
 * @param maxDepth         archives inside archives are expanded down to this depth ({@code --max-archive-depth});
 *                         0 expands nothing
 * @param maxEntries       members read from one archive or layer, nested ones included ({@code --max-archive-entries})
 * @param maxExpandedBytes bytes decompressed from one archive or layer, nested ones included
 *                         ({@code --max-archive-bytes})
 * @param maxRatio         largest ratio of decompressed to compressed bytes of one compressed stream
 *                         ({@code --max-archive-ratio}), checked once it has produced {@link #RATIO_FLOOR} bytes
 */
public record ArchiveLimits(int maxDepth, long maxEntries, long maxExpandedBytes, long maxRatio) {

    public static final int DEFAULT_MAX_DEPTH = 3;
    public static final long DEFAULT_MAX_ENTRIES = 1_000_000;
    public static final long DEFAULT_MAX_EXPANDED_BYTES = 4L * 1024 * 1024 * 1024;
    public static final long DEFAULT_MAX_RATIO = 200;
    /** A stream must have produced this many bytes before its expansion ratio is judged. */
    public static final long RATIO_FLOOR = 1024 * 1024;

    public static final ArchiveLimits DEFAULTS = new ArchiveLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_ENTRIES,
            DEFAULT_MAX_EXPANDED_BYTES, DEFAULT_MAX_RATIO);

    public ArchiveLimits {
        if (maxDepth < 0 || maxEntries < 1 || maxExpandedBytes < 1 || maxRatio < 1) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }
}
