package dev.sprawl.analyze;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses YAML (every document of a multi-document stream) into {@link Tree}s, safely: SnakeYAML only
 * <em>composes</em> the node graph — no constructor runs, so no tag can ever instantiate a type:
 * local tags such as {@code !Ref} or {@code !vault} stay plain tags for the analyzers, and global
 * {@code !!java...} tags are refused by SnakeYAML's default tag inspector (a parse error) — with
 * SnakeYAML 2.x's default {@link LoaderOptions} limits (50 aliases per collection, nesting depth 50) and a
 * code-point limit equal to the byte cap the caller enforces. Aliases are expanded up to
 * {@value #MAX_NODES} nodes per file; recursive aliases are cut.
 */
public final class YamlTrees {

    /** Most nodes built from one file, aliases expanded; beyond it the rest of the file is not analyzed. */
    public static final int MAX_NODES = 1_000_000;
    /** Deepest nesting followed, aliases expanded. */
    static final int MAX_DEPTH = 200;

    /** The documents parsed before any error, and the error (null when the whole stream parsed). */
    public record Result(List<Tree> documents, String error) {
        public Result {
            documents = List.copyOf(documents);
        }
    }

    private YamlTrees() {
    }

    public static Result parse(Text text, long maxCodePoints) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, Math.max(1, maxCodePoints)));
        options.setProcessComments(false);
        List<Tree> docs = new ArrayList<>();
        Converter converter = new Converter(text);
        try {
            Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text.content())), options),
                    new Resolver(), options);
            while (composer.checkNode()) {
                Node node = composer.getNode();
                if (node != null && !(node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()) && s.getValue().isEmpty())) {
                    docs.add(converter.convert(node, 0));
                }
                if (converter.exhausted) {
                    return new Result(docs, "more than " + MAX_NODES + " nodes (aliases expanded)");
                }
            }
        } catch (MarkedYAMLException e) {
            return new Result(docs, describe(e));
        } catch (YAMLException | IllegalArgumentException | IllegalStateException e) {
            return new Result(docs, "invalid YAML (" + e.getClass().getSimpleName() + ")");
        }
        return new Result(docs, null);
    }

    /** The parser's problem and line, never the snippet (which could show a secret). */
    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        problem = problem.replaceAll("\\p{Cntrl}", "?");
        if (problem.length() > 80) {
            problem = problem.substring(0, 80) + "…";
        }
        return e.getProblemMark() == null ? problem : problem + " at line " + (e.getProblemMark().getLine() + 1);
    }

    private static final class Converter {
        private final Text text;
        private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
        private int nodes;
        boolean exhausted;

        Converter(Text text) {
            this.text = text;
        }

        Tree convert(Node node, int depth) {
            Span span = new Span(text.offsetOfCodePoint(node.getStartMark().getIndex()),
                    Math.max(text.offsetOfCodePoint(node.getStartMark().getIndex()),
                            text.offsetOfCodePoint(node.getEndMark().getIndex())));
            String tag = applicationTag(node.getTag());
            if (++nodes > MAX_NODES || depth > MAX_DEPTH || open.contains(node)) {
                exhausted |= nodes > MAX_NODES;
                return new Tree.Scalar("", Tree.Kind.NULL, false, span, tag);
            }
            if (node instanceof ScalarNode s) {
                DumperOptions.ScalarStyle style = s.getScalarStyle();
                boolean quoted = style != DumperOptions.ScalarStyle.PLAIN;
                return new Tree.Scalar(s.getValue(), quoted || tag != null ? Tree.Kind.STRING : kind(s.getTag()),
                        quoted, span, tag);
            }
            open.add(node);
            try {
                if (node instanceof SequenceNode seq) {
                    List<Tree> items = new ArrayList<>(seq.getValue().size());
                    for (Node item : seq.getValue()) {
                        items.add(convert(item, depth + 1));
                    }
                    return new Tree.Sequence(items, span, tag);
                }
                MappingNode map = (MappingNode) node;
                List<Tree.Entry> entries = new ArrayList<>(map.getValue().size());
                for (NodeTuple t : map.getValue()) {
                    Node k = t.getKeyNode();
                    if (Tag.MERGE.equals(k.getTag())) {
                        // "<<: *defaults": the merged mapping's entries belong to this mapping (spans stay at the anchor)
                        merge(t.getValueNode(), entries, depth);
                        continue;
                    }
                    String key = k instanceof ScalarNode ks ? ks.getValue() : null;
                    Span keySpan = new Span(text.offsetOfCodePoint(k.getStartMark().getIndex()),
                            Math.max(text.offsetOfCodePoint(k.getStartMark().getIndex()),
                                    text.offsetOfCodePoint(k.getEndMark().getIndex())));
                    entries.add(new Tree.Entry(key, keySpan, convert(t.getValueNode(), depth + 1)));
                }
                return new Tree.Mapping(entries, span, tag);
            } finally {
                open.remove(node);
            }
        }

        private void merge(Node value, List<Tree.Entry> entries, int depth) {
            if (value instanceof SequenceNode seq) {
                for (Node n : seq.getValue()) {
                    merge(n, entries, depth);
                }
            } else if (value instanceof MappingNode && convert(value, depth + 1) instanceof Tree.Mapping m) {
                entries.addAll(m.entries());
            }
        }

        private static String applicationTag(Tag tag) {
            if (tag == null) {
                return null;
            }
            String v = tag.getValue();
            return v.startsWith(Tag.PREFIX) ? null : v;
        }

        private static Tree.Kind kind(Tag tag) {
            if (Tag.NULL.equals(tag)) {
                return Tree.Kind.NULL;
            }
            if (Tag.BOOL.equals(tag)) {
                return Tree.Kind.BOOLEAN;
            }
            if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
                return Tree.Kind.NUMBER;
            }
            return Tree.Kind.STRING;
        }
    }
}
