package dev.sprawl.analyze;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed YAML or JSON document, reduced to what analyzers need: mappings (every entry kept, in
 * order, duplicate keys included — a parser that keeps only the last value must not hide the first),
 * sequences and scalars as text, each with its span in the file and its explicit YAML tag
 * ({@code !Ref}, {@code !vault}...) if it has one. Nothing is ever constructed from a tag.
 */
public sealed interface Tree permits Tree.Mapping, Tree.Sequence, Tree.Scalar {

    Span span();

    /** An explicit application tag such as {@code !Ref}, or null. */
    String tag();

    /** One mapping entry; {@code key} is null when the key is not a scalar. */
    record Entry(String key, Span keySpan, Tree value) {
    }

    record Mapping(List<Entry> entries, Span span, String tag) implements Tree {
        public Mapping {
            entries = List.copyOf(entries);
        }

        /** Every value under {@code key} (more than one when the key is duplicated). */
        public List<Tree> all(String key) {
            List<Tree> out = new ArrayList<>(1);
            for (Entry e : entries) {
                if (key.equals(e.key())) {
                    out.add(e.value());
                }
            }
            return out;
        }

        /** The last value under {@code key} (what a YAML loader would keep), or null. */
        public Tree get(String key) {
            Tree found = null;
            for (Entry e : entries) {
                if (key.equals(e.key())) {
                    found = e.value();
                }
            }
            return found;
        }

        /** The text of the scalar under {@code key}, or null. */
        public String text(String key) {
            return get(key) instanceof Scalar s && s.kind() != Kind.NULL ? s.value() : null;
        }

        public Mapping mapping(String key) {
            return get(key) instanceof Mapping m ? m : null;
        }

        public Sequence sequence(String key) {
            return get(key) instanceof Sequence s ? s : null;
        }
    }

    record Sequence(List<Tree> items, Span span, String tag) implements Tree {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** What a scalar resolves to; analyzers read every scalar as text. */
    enum Kind { STRING, NUMBER, BOOLEAN, NULL }

    /**
     * @param quoted the value was quoted (or a block scalar) in the source, so it is a string for sure
     */
    record Scalar(String value, Kind kind, boolean quoted, Span span, String tag) implements Tree {
    }
}
