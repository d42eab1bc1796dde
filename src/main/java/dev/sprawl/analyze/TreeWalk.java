package dev.sprawl.analyze;

import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers for analyzers that walk {@link Tree}s: key paths, every scalar, references written inside scalars. */
public final class TreeWalk {

    private TreeWalk() {
    }

    /** {@code path.key} (or {@code key} at the root). */
    public static String child(String path, String key) {
        String k = key == null ? "?" : key;
        return path.isEmpty() ? k : path + "." + k;
    }

    /** {@code path[i]}. */
    public static String item(String path, int i) {
        return path + "[" + i + "]";
    }

    /** Visits every scalar under {@code t} (mapping values and sequence items, not keys) with its key path. */
    public static void scalars(Tree t, String path, BiConsumer<String, Tree.Scalar> visit) {
        if (t instanceof Tree.Scalar s) {
            visit.accept(path, s);
        } else if (t instanceof Tree.Mapping m) {
            for (Tree.Entry e : m.entries()) {
                scalars(e.value(), child(path, e.key()), visit);
            }
        } else if (t instanceof Tree.Sequence q) {
            for (int i = 0; i < q.items().size(); i++) {
                scalars(q.items().get(i), item(path, i), visit);
            }
        }
    }

    /**
     * Reports, as references of {@code kind}, every match of {@code pattern} in the scalar's text whose
     * name (the first group that matched) {@code accept}s, located at the match when the text is written
     * as is in the file.
     */
    public static void references(AnalyzerOutput out, Tree.Scalar s, String path, Pattern pattern, String kind,
                                  Predicate<String> accept) {
        String v = s.value();
        if (v.length() > 100_000) {
            return;
        }
        Matcher m = pattern.matcher(v);
        while (m.find()) {
            String name = null;
            for (int g = 1; g <= m.groupCount() && name == null; g++) {
                name = m.group(g);
            }
            if (name == null || !accept.test(name)) {
                continue;
            }
            out.reference(kind, name, locate(out.input().text(), s.span(), m.group()), path);
        }
    }

    /** The span of {@code fragment} inside {@code within} when it is written there as is, else {@code within}. */
    public static Span locate(Text text, Span within, String fragment) {
        if (!fragment.isEmpty()) {
            int at = text.content().indexOf(fragment, within.start());
            if (at >= 0 && at < Math.max(within.end(), within.start() + 1)) {
                return new Span(at, at + fragment.length());
            }
        }
        return within;
    }
}
