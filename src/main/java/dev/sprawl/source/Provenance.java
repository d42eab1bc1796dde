package dev.sprawl.source;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a blob's bytes were found.
 *
 * @param source  {@code file}, {@code git}, {@code image}... (the location's {@code source} field)
 * @param path    path relative to the scan target, {@code /}-separated; inside an archive
 *                {@code outer.jar!inner/path}
 * @param details source-specific location fields (git: {@code commit}, {@code ref}, {@code author},
 *                {@code date}, {@code inHead}...; image: {@code image}, {@code layer}...), written into
 *                the location as they are, in key order
 */
public record Provenance(String source, String path, SortedMap<String, Object> details) {

    /**
     * A detail that sets the location's {@code context} instead of guessing it from the path (an
     * image's files run in a container, whatever their names); it is not written as a detail itself.
     */
    public static final String CONTEXT = "context";

    public Provenance {
        details = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
    }

    /** The context this provenance forces ({@link #CONTEXT}), or null to guess it from the path. */
    public String forcedContext() {
        Object c = details.get(CONTEXT);
        return c == null ? null : c.toString();
    }

    /** The details a location shows: all but {@link #CONTEXT}. */
    public SortedMap<String, Object> locationDetails() {
        if (!details.containsKey(CONTEXT)) {
            return details;
        }
        TreeMap<String, Object> d = new TreeMap<>(details);
        d.remove(CONTEXT);
        return d;
    }

    public static Provenance file(String path) {
        return new Provenance("file", path, new TreeMap<>());
    }

    public Provenance with(String key, Object value) {
        TreeMap<String, Object> d = new TreeMap<>(details);
        d.put(key, value);
        return new Provenance(source, path, d);
    }

    public Provenance withAll(Map<String, Object> more) {
        TreeMap<String, Object> d = new TreeMap<>(details);
        d.putAll(more);
        return new Provenance(source, path, d);
    }
}
