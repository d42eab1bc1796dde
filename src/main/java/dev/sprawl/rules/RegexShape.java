package dev.sprawl.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small syntax tree of a {@code java.util.regex} pattern, enough to answer two questions the engine
 * needs: the longest text the pattern can match ({@link #maxWidth}), and how far before a keyword
 * occurrence a match can start ({@link #keywordLead}). Unbounded quantifiers ({@code * + {n,}}) and
 * back-references make the width {@link #UNBOUNDED}. Lookaround has no width: the engine matches with
 * transparent bounds, so lookaround may read outside the window.
 */
public final class RegexShape {

    public static final long UNBOUNDED = Long.MAX_VALUE;

    /** A node of the tree. */
    sealed interface Node permits Lit, Chars, Atom, Seq, Alt, Repeat {
    }

    /** One literal character. */
    record Lit(char c) implements Node {
    }

    /** A small character class ({@code [_.-]}): one of a few known characters. */
    record Chars(String set) implements Node {
    }

    /** Anything else that matches {@code width} characters (classes, dot, escapes; 0 for assertions). */
    record Atom(long width) implements Node {
    }

    record Seq(List<Node> items) implements Node {
    }

    record Alt(List<Node> options) implements Node {
    }

    record Repeat(Node body, long min, long max) implements Node {
    }

    private final Node root;

    private RegexShape(Node root) {
        this.root = root;
    }

    /** Parses {@code pattern}; throws IllegalArgumentException for syntax it does not understand. */
    public static RegexShape parse(String pattern) {
        Parser p = new Parser(pattern);
        Node n = p.alternation();
        if (p.i < pattern.length()) {
            throw new IllegalArgumentException("unbalanced ')' at index " + p.i);
        }
        return new RegexShape(n);
    }

    /** The maximum match width, or {@link #UNBOUNDED}. */
    public long maxWidth() {
        return width(root);
    }

    /**
     * The largest distance from the start of any match to the start of a keyword occurrence inside it,
     * proven from literal text the match must contain; -1 when no such bound can be shown (then the
     * engine searches the whole window around a hit).
     */
    public long keywordLead(List<String> keywords) {
        List<String> lower = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        return lead(root, lower);
    }

    private static long width(Node n) {
        if (n instanceof Lit || n instanceof Chars) {
            return 1;
        }
        if (n instanceof Atom a) {
            return a.width();
        }
        if (n instanceof Seq s) {
            long total = 0;
            for (Node item : s.items()) {
                total = add(total, width(item));
            }
            return total;
        }
        if (n instanceof Alt a) {
            long best = 0;
            for (Node o : a.options()) {
                best = Math.max(best, width(o));
            }
            return best;
        }
        Repeat r = (Repeat) n;
        long w = width(r.body());
        if (w == 0) {
            return 0;
        }
        return r.max() == UNBOUNDED ? UNBOUNDED : multiply(w, r.max());
    }

    private static long lead(Node n, List<String> keywords) {
        if (n instanceof Seq s) {
            return seqLead(s.items(), keywords);
        }
        if (n instanceof Alt a) {
            long worst = 0;
            for (Node o : a.options()) {
                long l = lead(o, keywords);
                if (l < 0) {
                    return -1;
                }
                worst = Math.max(worst, l);
            }
            return worst;
        }
        List<String> spellings = spell(n);
        if (spellings != null) {
            return firstKeyword(spellings, keywords);
        }
        if (n instanceof Repeat r && r.min() >= 1) {
            return lead(r.body(), keywords);
        }
        return -1;
    }

    /**
     * Walks a sequence. A run of items with few spellings (literals, small classes such as
     * {@code [_.-]}, short fixed repeats, alternations of those: {@code fb[_.-]}, {@code secret[_ -]?key},
     * {@code A{21}}) proves a keyword when every spelling contains one; other items add their width.
     */
    private static long seqLead(List<Node> items, List<String> keywords) {
        long offset = 0;
        int i = 0;
        while (i < items.size()) {
            List<String> spellings = List.of("");
            int j = i;
            while (j < items.size()) {
                List<String> next = product(spellings, spell(items.get(j)));
                if (next == null) {
                    break;
                }
                spellings = next;
                j++;
            }
            if (j > i) {
                long found = firstKeyword(spellings, keywords);
                if (found >= 0) {
                    return add(offset, found);
                }
                long longest = 0;
                for (String sp : spellings) {
                    longest = Math.max(longest, sp.length());
                }
                offset = add(offset, longest);
                i = j;
                continue;
            }
            Node item = items.get(i);
            long inner = lead(item, keywords);
            if (inner >= 0) {
                return add(offset, inner);
            }
            offset = add(offset, width(item));
            if (offset == UNBOUNDED) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** Most spellings a run may have before it is not expanded further. */
    static final int MAX_SPELLINGS = 64;
    /** Longest spelling considered. */
    static final int MAX_SPELLING_LENGTH = 512;

    /**
     * Every text {@code n} can match, lower-cased, or null when there are too many or {@code n} is
     * not made of literals and small classes. Zero-width assertions spell the empty text.
     */
    static List<String> spell(Node n) {
        if (n instanceof Lit l) {
            return List.of(String.valueOf(l.c()).toLowerCase(Locale.ROOT));
        }
        if (n instanceof Chars c) {
            List<String> out = new ArrayList<>();
            for (char ch : c.set().toCharArray()) {
                String one = String.valueOf(ch).toLowerCase(Locale.ROOT);
                if (!out.contains(one)) {
                    out.add(one);
                }
            }
            return out;
        }
        if (n instanceof Atom a) {
            return a.width() == 0 ? List.of("") : null;
        }
        if (n instanceof Seq s) {
            List<String> out = List.of("");
            for (Node item : s.items()) {
                out = product(out, spell(item));
                if (out == null) {
                    return null;
                }
            }
            return out;
        }
        if (n instanceof Alt a) {
            List<String> out = new ArrayList<>();
            for (Node o : a.options()) {
                List<String> sp = spell(o);
                if (sp == null || out.size() + sp.size() > MAX_SPELLINGS) {
                    return null;
                }
                out.addAll(sp);
            }
            return out;
        }
        Repeat r = (Repeat) n;
        List<String> body = spell(r.body());
        if (body == null || r.max() > MAX_SPELLING_LENGTH) {
            return null;
        }
        List<String> out = new ArrayList<>();
        List<String> power = List.of("");
        for (long k = 0; k <= r.max(); k++) {
            if (k >= r.min()) {
                if (out.size() + power.size() > MAX_SPELLINGS) {
                    return null;
                }
                out.addAll(power);
            }
            if (k < r.max()) {
                power = product(power, body);
                if (power == null) {
                    return null;
                }
            }
        }
        return out;
    }

    /** Each of {@code a} followed by each of {@code b}; null when either is null or the result is too big. */
    private static List<String> product(List<String> a, List<String> b) {
        if (a == null || b == null || (long) a.size() * b.size() > MAX_SPELLINGS) {
            return null;
        }
        List<String> out = new ArrayList<>(a.size() * b.size());
        for (String x : a) {
            for (String y : b) {
                if (x.length() + y.length() > MAX_SPELLING_LENGTH) {
                    return null;
                }
                out.add(x + y);
            }
        }
        return out;
    }

    /** The largest, over spellings, index of the first keyword in it; -1 when a spelling has none. */
    private static long firstKeyword(List<String> spellings, List<String> keywords) {
        long worst = 0;
        for (String sp : spellings) {
            int best = -1;
            for (String k : keywords) {
                int at = sp.indexOf(k);
                if (at >= 0 && (best < 0 || at < best)) {
                    best = at;
                }
            }
            if (best < 0) {
                return -1;
            }
            worst = Math.max(worst, best);
        }
        return worst;
    }

    private static long add(long a, long b) {
        return (a == UNBOUNDED || b == UNBOUNDED || a + b < 0) ? UNBOUNDED : a + b;
    }

    private static long multiply(long a, long n) {
        if (a == UNBOUNDED) {
            return n == 0 ? 0 : UNBOUNDED;
        }
        if (n != 0 && a > Long.MAX_VALUE / 2 / n) {
            return UNBOUNDED;
        }
        return a * n;
    }

    private static final class Parser {
        private final String p;
        private int i;

        Parser(String p) {
            this.p = p;
        }

        Node alternation() {
            List<Node> options = new ArrayList<>();
            options.add(sequence());
            while (i < p.length() && p.charAt(i) == '|') {
                i++;
                options.add(sequence());
            }
            return options.size() == 1 ? options.get(0) : new Alt(options);
        }

        Node sequence() {
            List<Node> items = new ArrayList<>();
            while (i < p.length()) {
                char c = p.charAt(i);
                if (c == '|' || c == ')') {
                    break;
                }
                if (c == '\\' && p.startsWith("Q", i + 1)) {
                    int end = p.indexOf("\\E", i + 2);
                    int stop = end < 0 ? p.length() : end;
                    for (int k = i + 2; k < stop; k++) {
                        items.add(new Lit(p.charAt(k)));
                    }
                    i = end < 0 ? p.length() : end + 2;
                    continue;
                }
                Node atom = atom();
                Node q = quantified(atom);
                if (q == atom && atom instanceof Seq inner) {
                    items.addAll(inner.items()); // a plain group only groups: splice it in
                } else {
                    items.add(q);
                }
            }
            return items.size() == 1 ? items.get(0) : new Seq(items);
        }

        Node atom() {
            char c = p.charAt(i);
            switch (c) {
                case '(':
                    return group();
                case '[':
                    int open = i;
                    skipClass();
                    String small = smallClass(p.substring(open + 1, i - 1));
                    return small == null ? new Atom(1) : new Chars(small);
                case '\\':
                    return escape();
                case '^':
                case '$':
                    i++;
                    return new Atom(0);
                case '.':
                    i++;
                    return new Atom(1);
                default:
                    i++;
                    return new Lit(c);
            }
        }

        Node group() {
            i++; // '('
            boolean zeroWidth = false;
            if (p.startsWith("?", i)) {
                if (p.startsWith("?=", i) || p.startsWith("?!", i)) {
                    zeroWidth = true;
                    i += 2;
                } else if (p.startsWith("?<=", i) || p.startsWith("?<!", i)) {
                    zeroWidth = true;
                    i += 3;
                } else if (p.startsWith("?<", i)) {
                    int close = p.indexOf('>', i);
                    if (close < 0) {
                        throw new IllegalArgumentException("unterminated group name at index " + i);
                    }
                    i = close + 1;
                } else if (p.startsWith("?:", i) || p.startsWith("?>", i)) {
                    i += 2;
                } else {
                    int j = i + 1;
                    while (j < p.length() && (Character.isLetter(p.charAt(j)) || p.charAt(j) == '-')) {
                        j++;
                    }
                    if (j < p.length() && p.substring(i + 1, j).contains("x")) {
                        throw new IllegalArgumentException("comments mode (?x) is not supported");
                    }
                    if (j < p.length() && p.charAt(j) == ')') {
                        i = j + 1;
                        return new Atom(0);
                    }
                    if (j < p.length() && p.charAt(j) == ':') {
                        i = j + 1;
                    } else {
                        throw new IllegalArgumentException("unknown group construct at index " + i);
                    }
                }
            }
            Node inner = alternation();
            if (i >= p.length() || p.charAt(i) != ')') {
                throw new IllegalArgumentException("unclosed group");
            }
            i++;
            return zeroWidth ? new Atom(0) : inner;
        }

        /**
         * The characters of a class body made only of literal characters and short ranges, at most
         * 8 of them ({@code _.-}, {@code a-c}, {@code \\-}); null for anything else (negation,
         * escapes such as {@code \\s}, nested classes, intersections).
         */
        static String smallClass(String body) {
            if (body.isEmpty() || body.startsWith("^") || body.contains("[") || body.contains("&&")) {
                return null;
            }
            StringBuilder out = new StringBuilder();
            int k = 0;
            while (k < body.length()) {
                char c = body.charAt(k);
                if (c == '\\') {
                    if (k + 1 >= body.length() || Character.isLetterOrDigit(body.charAt(k + 1))) {
                        return null;
                    }
                    c = body.charAt(k + 1);
                    k += 2;
                } else {
                    k++;
                }
                if (k + 1 < body.length() && body.charAt(k) == '-' && body.charAt(k + 1) != '\\') {
                    char hi = body.charAt(k + 1);
                    if (hi < c || hi - c > 8) {
                        return null;
                    }
                    for (char x = c; x <= hi; x++) {
                        out.append(x);
                    }
                    k += 2;
                } else {
                    out.append(c);
                }
                if (out.length() > 8) {
                    return null;
                }
            }
            return out.toString();
        }

        void skipClass() {
            int depth = 0;
            i++; // '['
            if (i < p.length() && p.charAt(i) == '^') {
                i++;
            }
            if (i < p.length() && p.charAt(i) == ']') {
                i++;
            }
            while (i < p.length()) {
                char c = p.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    if (depth == 0) {
                        i++;
                        return;
                    }
                    depth--;
                }
                i++;
            }
            throw new IllegalArgumentException("unclosed character class");
        }

        Node escape() {
            if (i + 1 >= p.length()) {
                throw new IllegalArgumentException("trailing backslash");
            }
            char c = p.charAt(i + 1);
            i += 2;
            switch (c) {
                case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G':
                    return new Atom(0);
                case 'R':
                    return new Atom(2);
                case 'X':
                case 'k':
                    return new Atom(UNBOUNDED);
                case 'p': case 'P': case 'N':
                    if (i < p.length() && p.charAt(i) == '{') {
                        i = closing(i);
                    } else {
                        i++;
                    }
                    return new Atom(1);
                case 'x':
                    if (i < p.length() && p.charAt(i) == '{') {
                        i = closing(i);
                    } else {
                        i += 2;
                    }
                    return new Atom(1);
                case 'u':
                    i += 4;
                    return new Atom(1);
                case 'c':
                    i += 1;
                    return new Atom(1);
                case '0':
                    while (i < p.length() && p.charAt(i) >= '0' && p.charAt(i) <= '7') {
                        i++;
                    }
                    return new Atom(1);
                case 't':
                    return new Lit('\t');
                case 'n':
                    return new Lit('\n');
                case 'r':
                    return new Lit('\r');
                case 'f':
                    return new Lit('\f');
                case 'e':
                    return new Lit('\u001b');
                case 'a':
                    return new Lit('\u0007');
                case 'd': case 'D': case 'w': case 'W': case 's': case 'S': case 'h': case 'H': case 'v': case 'V':
                    return new Atom(1);
                default:
                    if (c >= '1' && c <= '9') {
                        return new Atom(UNBOUNDED); // back-reference
                    }
                    return Character.isLetterOrDigit(c) ? new Atom(1) : new Lit(c);
            }
        }

        /** The index after the '}' closing a brace at {@code open}; a missing one is a syntax error (not a restart at 0). */
        int closing(int open) {
            int close = p.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '{' at index " + open);
            }
            return close + 1;
        }

        Node quantified(Node atom) {
            if (i >= p.length()) {
                return atom;
            }
            char c = p.charAt(i);
            Node result;
            if (c == '?') {
                i++;
                result = new Repeat(atom, 0, 1);
            } else if (c == '*') {
                i++;
                result = new Repeat(atom, 0, UNBOUNDED);
            } else if (c == '+') {
                i++;
                result = new Repeat(atom, 1, UNBOUNDED);
            } else if (c == '{') {
                int close = p.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed repetition");
                }
                String spec = p.substring(i + 1, close);
                i = close + 1;
                int comma = spec.indexOf(',');
                long min;
                long max;
                try {
                    if (comma < 0) {
                        min = Long.parseLong(spec.trim());
                        max = min;
                    } else {
                        min = Long.parseLong(spec.substring(0, comma).trim());
                        String hi = spec.substring(comma + 1).trim();
                        max = hi.isEmpty() ? UNBOUNDED : Long.parseLong(hi);
                    }
                } catch (NumberFormatException e) {
                    // its message quotes the pattern text (fuzz finding): say what is wrong, not what was there
                    throw new IllegalArgumentException("repetition bounds are not numbers");
                }
                result = new Repeat(atom, min, max);
            } else {
                return atom;
            }
            if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
                i++; // lazy or possessive
            }
            return result;
        }
    }
}
