package dev.sprawl.source.git;

import java.util.List;

/**
 * How a git repository target is scanned.
 *
 * @param since        {@code --since REV}: only what the commits reachable from HEAD (or {@code refs}) and not
 *                     from REV add; null for the full history
 * @param staged       {@code --staged}: only what the index adds against HEAD (no history walk)
 * @param noHistory    {@code --no-history}: the working tree only
 * @param refs         {@code --ref}: limit the history to these refs (empty: every ref)
 * @param allowShallow {@code --allow-shallow}: a shallow clone is not an incomplete scan
 */
public record GitOptions(String since, boolean staged, boolean noHistory, List<String> refs, boolean allowShallow) {

    /** Full history of every ref plus the working tree. */
    public static final GitOptions DEFAULTS = new GitOptions(null, false, false, List.of(), false);

    public GitOptions {
        refs = List.copyOf(refs);
    }

    /** True when an option only makes sense for a git repository target. */
    public boolean needsRepository() {
        return since != null || staged || !refs.isEmpty();
    }
}
