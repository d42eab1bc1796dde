package dev.sprawl.analyze;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Parses YAML (every document of a multi-document stream) into {@link Tree}s, safely. SnakeYAML's
 * parser produces events and this class builds the trees from them: no constructor ever runs, so no
 * tag can instantiate a type — {@code !Ref}, {@code !vault} and even {@code !!javax.script...} are
 * just tags. The limits of SnakeYAML 2.x's {@link LoaderOptions} defaults apply as its composer
 * applies them: at most 50 aliases of collections per document, nesting depth 50; plus the
 * scanner's code-point limit, set to the byte cap the caller enforces, and at most
 * {@value #MAX_NODES} nodes per file with aliases counted at their expanded size. Aliases share the
 * anchored tree; a recursive alias is cut. Merge keys ({@code <<: *defaults}) splice the merged
 * entries into the mapping. Plain scalars are classified as null, boolean (YAML 1.1 words), number
 * or string without regular expressions.
 */
public final class YamlTrees {

    /** Most nodes in one file, aliases counted at their expanded size; beyond it the rest of the file is not analyzed. */
    public static final int MAX_NODES = 1_000_000;

    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> BOOLEANS = Set.of("true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes",
            "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N");

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
        Builder b = new Builder(text, options);
        try {
            ParserImpl parser = new ParserImpl(new StreamReader(new StringReader(text.content())), options);
            while (true) {
                Event e = parser.getEvent();
                if (e == null || e.is(Event.ID.StreamEnd)) {
                    break;
                }
                b.accept(e);
            }
        } catch (MarkedYAMLException e) {
            return new Result(b.documents, describe(e));
        } catch (YAMLException | IllegalArgumentException | IllegalStateException e) {
            return new Result(b.documents, e instanceof Limit ? e.getMessage()
                    : "invalid YAML (" + e.getClass().getSimpleName() + ")");
        }
        return new Result(b.documents, null);
    }

    /** The parser's problem and line, never the snippet (which could show a secret). */
    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        problem = problem.replaceAll("\\p{Cntrl}", "?");
        // the parser quotes tokens of the input (a tag handle, an alias, a character): one long or
        // mixing letters and digits could be a secret (fuzz finding), so it is left out
        problem = problem.replaceAll("[^\\s'\"]{16,}|(?=[^\\s'\"]*[0-9])(?=[^\\s'\"]*[A-Za-z])[^\\s'\"]{8,}", "(...)");
        if (problem.length() > 80) {
            problem = problem.substring(0, 80) + "…";
        }
        return e.getProblemMark() == null ? problem : problem + " at line " + (e.getProblemMark().getLine() + 1);
    }

    /** A limit reached: the message names the limit only. */
    private static final class Limit extends YAMLException {
        private static final long serialVersionUID = 1L;

        Limit(String message) {
            super(message);
        }
    }

    /** An open collection. */
    private static final class Frame {
        final boolean mapping;
        final String anchor;
        final String tag;
        final int start;
        final List<Tree.Entry> entries = new ArrayList<>();
        final List<Tree> items = new ArrayList<>();
        /** Mapping only: the key waiting for its value ({@code hasKey} tells an absent key from a null one). */
        String key;
        Span keySpan;
        boolean hasKey;
        boolean mergeKey;
        long size = 1;

        Frame(boolean mapping, String anchor, String tag, int start) {
            this.mapping = mapping;
            this.anchor = anchor;
            this.tag = tag;
            this.start = start;
        }
    }

    private static final class Builder {
        private final Text text;
        private final LoaderOptions options;
        final List<Tree> documents = new ArrayList<>();
        private final Deque<Frame> open = new ArrayDeque<>();
        private final Map<String, Tree> anchors = new HashMap<>();
        private final Map<Tree, Long> sizes = new java.util.IdentityHashMap<>();
        private final Set<String> opening = new java.util.HashSet<>();
        private long nodes;
        private int collectionAliases;

        Builder(Text text, LoaderOptions options) {
            this.text = text;
            this.options = options;
        }

        void accept(Event e) {
            switch (e.getEventId()) {
                case DocumentStart -> {
                    anchors.clear();
                    sizes.clear();
                    opening.clear();
                    collectionAliases = 0;
                }
                case Scalar -> scalar((ScalarEvent) e);
                case Alias -> alias((AliasEvent) e);
                case MappingStart, SequenceStart -> {
                    CollectionStartEvent c = (CollectionStartEvent) e;
                    if (open.size() >= options.getNestingDepthLimit()) {
                        throw new Limit("nesting deeper than " + options.getNestingDepthLimit());
                    }
                    count(1);
                    if (c.getAnchor() != null) {
                        opening.add(c.getAnchor());
                    }
                    open.push(new Frame(e instanceof MappingStartEvent, c.getAnchor(), applicationTag(c.getTag()),
                            offset(e.getStartMark().getIndex())));
                }
                case MappingEnd, SequenceEnd -> {
                    Frame f = open.pop();
                    Span span = new Span(f.start, Math.max(f.start, offset(e.getEndMark().getIndex())));
                    Tree t = f.mapping ? new Tree.Mapping(f.entries, span, f.tag) : new Tree.Sequence(f.items, span, f.tag);
                    sizes.put(t, f.size);
                    if (f.anchor != null) {
                        opening.remove(f.anchor);
                        anchors.put(f.anchor, t);
                    }
                    add(t, f.size);
                }
                default -> { }
            }
        }

        private void scalar(ScalarEvent s) {
            count(1);
            int start = offset(s.getStartMark().getIndex());
            Span span = new Span(start, Math.max(start, offset(s.getEndMark().getIndex())));
            String tag = applicationTag(s.getTag());
            boolean plain = s.isPlain();
            Tree.Kind kind;
            if (tag != null || !plain) {
                kind = Tree.Kind.STRING;
            } else if (s.getTag() != null) {
                kind = s.getTag().equals(Tag.NULL.getValue()) ? Tree.Kind.NULL
                        : s.getTag().equals(Tag.BOOL.getValue()) ? Tree.Kind.BOOLEAN : Tree.Kind.STRING;
            } else {
                kind = plainKind(s.getValue());
            }
            Tree t = new Tree.Scalar(s.getValue(), kind, !plain, span, tag);
            if (s.getAnchor() != null) {
                anchors.put(s.getAnchor(), t);
            }
            Frame top = open.peek();
            if (top != null && top.mapping && !top.hasKey) {
                top.key = s.getValue();
                top.keySpan = span;
                top.hasKey = true;
                top.mergeKey = plain && tag == null && s.getTag() == null && "<<".equals(s.getValue());
                top.size++;
                return;
            }
            add(t, 1);
        }

        private void alias(AliasEvent a) {
            Tree t = anchors.get(a.getAnchor());
            if (t == null || opening.contains(a.getAnchor())) {
                // an unknown or recursive alias: cut
                int at = offset(a.getStartMark().getIndex());
                t = new Tree.Scalar("", Tree.Kind.NULL, false, new Span(at, at), null);
            }
            long size = 1;
            if (!(t instanceof Tree.Scalar)) {
                if (++collectionAliases > options.getMaxAliasesForCollections()) {
                    throw new Limit("more than " + options.getMaxAliasesForCollections() + " aliases of collections");
                }
                size = sizes.getOrDefault(t, 1L);
                count(size);
            }
            Frame top = open.peek();
            if (top != null && top.mapping && !top.hasKey) {
                top.key = t instanceof Tree.Scalar s ? s.value() : null;
                top.keySpan = t.span();
                top.hasKey = true;
                top.mergeKey = false;
                return;
            }
            add(t, size);
        }

        /** Adds a finished node to the open collection, or as a document. */
        private void add(Tree t, long size) {
            Frame top = open.peek();
            if (top == null) {
                if (!(t instanceof Tree.Scalar s && s.kind() == Tree.Kind.NULL && s.value().isEmpty())) {
                    documents.add(t);
                }
                return;
            }
            top.size += size;
            if (!top.mapping) {
                top.items.add(t);
                return;
            }
            if (!top.hasKey) {
                // a collection used as a key: it has no name to check
                top.key = null;
                top.keySpan = t.span();
                top.hasKey = true;
                top.mergeKey = false;
                return;
            }
            if (top.mergeKey) {
                merge(t, top.entries);
            } else {
                top.entries.add(new Tree.Entry(top.key, top.keySpan, t));
            }
            top.hasKey = false;
            top.key = null;
            top.keySpan = null;
        }

        /** {@code <<: *defaults}: the merged mapping's entries belong to this mapping (their spans stay at the anchor). */
        private static void merge(Tree value, List<Tree.Entry> entries) {
            if (value instanceof Tree.Mapping m) {
                entries.addAll(m.entries());
            } else if (value instanceof Tree.Sequence q) {
                for (Tree item : q.items()) {
                    if (item instanceof Tree.Mapping m) {
                        entries.addAll(m.entries());
                    }
                }
            }
        }

        private void count(long n) {
            nodes += n;
            if (nodes > MAX_NODES) {
                throw new Limit("more than " + MAX_NODES + " nodes (aliases expanded)");
            }
        }

        private int offset(int codePointIndex) {
            return text.offsetOfCodePoint(codePointIndex);
        }
    }

    private static String applicationTag(String tag) {
        return tag == null || tag.startsWith(Tag.PREFIX) || tag.equals("!") ? null : tag;
    }

    /** What a plain scalar resolves to under YAML 1.1, without regular expressions. */
    static Tree.Kind plainKind(String v) {
        if (NULLS.contains(v)) {
            return Tree.Kind.NULL;
        }
        if (v.length() <= 5 && BOOLEANS.contains(v)) {
            return Tree.Kind.BOOLEAN;
        }
        if (!v.isEmpty()) {
            char c = v.charAt(0);
            if (c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.') {
                for (int i = 1; i < v.length(); i++) {
                    char d = v.charAt(i);
                    if (!(d >= '0' && d <= '9' || d == '.' || d == '_' || d == 'e' || d == 'E' || d == '-' || d == '+'
                            || d == 'x' || d == 'o' || d >= 'a' && d <= 'f' || d >= 'A' && d <= 'F' || d == ':')) {
                        return Tree.Kind.STRING;
                    }
                }
                return v.equals("-") || v.equals(".") || v.equals("+") ? Tree.Kind.STRING : Tree.Kind.NUMBER;
            }
        }
        return Tree.Kind.STRING;
    }
}
