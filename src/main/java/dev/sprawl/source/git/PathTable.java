package dev.sprawl.source.git;

import dev.sprawl.source.PathGlobs;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Interned repository paths; each is matched against {@code --exclude} once. Single-threaded while built. */
final class PathTable {

    /** {@link #intern} result for an excluded path. */
    static final int EXCLUDED = -1;

    private final PathGlobs excludes;
    private final List<String> paths = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final BitSet excluded = new BitSet();

    PathTable(PathGlobs excludes) {
        this.excludes = excludes;
    }

    int intern(String path) {
        Integer i = index.get(path);
        if (i == null) {
            i = paths.size();
            paths.add(path);
            index.put(path, i);
            if (excludes.matches(path)) {
                excluded.set(i);
            }
        }
        return excluded.get(i) ? EXCLUDED : i;
    }

    String get(int i) {
        return paths.get(i);
    }
}
