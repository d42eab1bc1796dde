package dev.sprawl.classify;

import java.util.Comparator;
import java.util.SortedMap;

/**
 * One place a secret appears (the inventory's {@code locations[]}).
 *
 * @param line    1-based line
 * @param column  1-based column, counted in characters
 * @param details source-specific fields (git commit, ref, author...), see {@code Provenance}
 * @param allowed  true when the line carries a {@code sprawl:allow} comment
 */
public record Location(String source, String path, int line, int column, String context,
                       SortedMap<String, Object> details, boolean allowed) {

    public Location(String source, String path, int line, int column, String context,
                    SortedMap<String, Object> details) {
        this(source, path, line, column, context, details, false);
    }

    /** Locations sort by source, path, line, column, then the details' text. */
    public static final Comparator<Location> ORDER = Comparator.comparing(Location::source)
            .thenComparing(Location::path)
            .thenComparingInt(Location::line)
            .thenComparingInt(Location::column)
            .thenComparing(l -> l.details().toString());
}
