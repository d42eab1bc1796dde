package dev.sprawl.source;

import java.util.ArrayList;
import java.util.List;

/**
 * A glob in the JDK's {@code glob:} syntax ({@code *}, {@code **}, {@code ?}, {@code [a-z]},
 * {@code [!a-z]}, {@code {a,b}}, {@code \} escapes), matched in time linear in the path for each token.
 * The JDK's own matcher turns a glob into a backtracking regex, so {@code ****...*x} or
 * {@code *a*a*a*a*b} against a long name takes for ever, and globs come from scanned input
 * ({@code .sprawlignore}, {@code .sprawl.yaml}). The matching keeps the set of path positions where
 * each token can end. One difference, on purpose: {@code **} also crosses line terminators (the
 * JDK's {@code .*} stops at a newline in a file name).
 *
 * <p>Build it from a glob the JDK accepts ({@link PathGlobs} checks with the JDK first): what the
 * JDK rejects is not validated again here.
 */
final class Glob {

    private static final int STAR = -1;
    private static final int ANY = -2;
    private static final int ONE = -3;

    /** A token: a code point (>= 0), or one of the wildcards, or a class, or a group. */
    private sealed interface Token permits Simple, CharClass, Group {
    }

    private record Simple(int code) implements Token {
    }

    /** {@code [...]}: ranges as pairs of code points; never matches '/'. */
    private record CharClass(int[] ranges, boolean negated) implements Token {
        boolean matches(int c) {
            if (c == '/') {
                return false;
            }
            boolean in = false;
            for (int i = 0; i + 1 < ranges.length && !in; i += 2) {
                in = c >= ranges[i] && c <= ranges[i + 1];
            }
            return in != negated;
        }
    }

    /** {@code {a,b,c}}: alternatives (groups do not nest). */
    private record Group(List<Token[]> alternatives) implements Token {
    }

    private final Token[] tokens;

    private Glob(Token[] tokens) {
        this.tokens = tokens;
    }

    /** The glob compiled; {@link IllegalArgumentException} for what cannot be read. */
    static Glob of(String glob) {
        int[] g = glob.codePoints().toArray();
        List<Token> top = new ArrayList<>();
        List<Token[]> alternatives = null;
        List<Token> current = top;
        for (int i = 0; i < g.length; i++) {
            int c = g[i];
            if (c == '*') {
                if (i + 1 < g.length && g[i + 1] == '*') {
                    current.add(new Simple(ANY));
                    i++;
                } else {
                    current.add(new Simple(STAR));
                }
            } else if (c == '?') {
                current.add(new Simple(ONE));
            } else if (c == '\\') {
                if (i + 1 >= g.length) {
                    throw new IllegalArgumentException("no character to escape");
                }
                current.add(new Simple(g[++i]));
            } else if (c == '[') {
                i = charClass(g, i + 1, current);
            } else if (c == '{' && alternatives == null) {
                alternatives = new ArrayList<>();
                current = new ArrayList<>();
            } else if (c == '{') {
                throw new IllegalArgumentException("groups do not nest");
            } else if (c == ',' && alternatives != null) {
                alternatives.add(current.toArray(new Token[0]));
                current = new ArrayList<>();
            } else if (c == '}' && alternatives != null) {
                alternatives.add(current.toArray(new Token[0]));
                top.add(new Group(alternatives));
                alternatives = null;
                current = top;
            } else {
                current.add(new Simple(c));
            }
        }
        if (alternatives != null) {
            throw new IllegalArgumentException("missing '}'");
        }
        return new Glob(top.toArray(new Token[0]));
    }

    /** Reads a class from just after its '[' (as the JDK does); returns the index of its ']'. */
    private static int charClass(int[] g, int i, List<Token> out) {
        boolean negated = false;
        List<Integer> ranges = new ArrayList<>();
        if (i < g.length && g[i] == '^') {
            ranges.add((int) '^');
            ranges.add((int) '^');
            i++;
        } else {
            if (i < g.length && g[i] == '!') {
                negated = true;
                i++;
            }
            if (i < g.length && g[i] == '-') {
                ranges.add((int) '-');
                ranges.add((int) '-');
                i++;
            }
        }
        boolean hasRangeStart = false;
        int last = 0;
        while (i < g.length) {
            int c = g[i++];
            if (c == ']') {
                out.add(new CharClass(ranges.stream().mapToInt(Integer::intValue).toArray(), negated));
                return i - 1;
            }
            if (c == '/') {
                throw new IllegalArgumentException("explicit name separator in a class");
            }
            if (c == '-') {
                if (!hasRangeStart) {
                    throw new IllegalArgumentException("invalid range");
                }
                if (i >= g.length) {
                    break;
                }
                int end = g[i++];
                if (end == ']') {
                    ranges.add((int) '-');
                    ranges.add((int) '-');
                    out.add(new CharClass(ranges.stream().mapToInt(Integer::intValue).toArray(), negated));
                    return i - 1;
                }
                if (end < last) {
                    throw new IllegalArgumentException("invalid range");
                }
                ranges.set(ranges.size() - 1, end);
                hasRangeStart = false;
            } else {
                ranges.add(c);
                ranges.add(c);
                hasRangeStart = true;
                last = c;
            }
        }
        throw new IllegalArgumentException("missing ']'");
    }

    /** True when the whole text matches. */
    boolean matches(String text) {
        int[] s = text.codePoints().toArray();
        boolean[] at = new boolean[s.length + 1];
        at[0] = true;
        at = run(tokens, s, at);
        return at != null && at[s.length];
    }

    /** The positions where {@code program} can end when it starts at any of {@code at}; null for none. */
    private static boolean[] run(Token[] program, int[] s, boolean[] at) {
        for (Token token : program) {
            at = step(token, s, at);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    private static boolean[] step(Token token, int[] s, boolean[] at) {
        int n = s.length;
        boolean[] next = new boolean[n + 1];
        if (token instanceof Group g) {
            for (Token[] alternative : g.alternatives()) {
                boolean[] end = run(alternative, s, at.clone());
                if (end != null) {
                    for (int t = 0; t <= n; t++) {
                        next[t] |= end[t];
                    }
                }
            }
        } else if (token instanceof CharClass c) {
            for (int t = 0; t < n; t++) {
                next[t + 1] = at[t] && c.matches(s[t]);
            }
        } else {
            int code = ((Simple) token).code();
            switch (code) {
                case STAR -> {
                    for (int t = 0; t <= n; t++) {
                        next[t] = at[t] || (t > 0 && next[t - 1] && s[t - 1] != '/');
                    }
                }
                case ANY -> {
                    for (int t = 0; t <= n; t++) {
                        next[t] = at[t] || (t > 0 && next[t - 1]);
                    }
                }
                case ONE -> {
                    for (int t = 0; t < n; t++) {
                        next[t + 1] = at[t] && s[t] != '/';
                    }
                }
                default -> {
                    for (int t = 0; t < n; t++) {
                        next[t + 1] = at[t] && s[t] == code;
                    }
                }
            }
        }
        for (boolean b : next) {
            if (b) {
                return next;
            }
        }
        return null;
    }
}
