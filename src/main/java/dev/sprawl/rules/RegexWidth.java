package dev.sprawl.rules;

/**
 * Computes the longest text a {@code java.util.regex} pattern can match, so that the engine can
 * confirm a rule in a bounded window around a keyword hit. Unbounded quantifiers ({@code * + {n,}})
 * and back-references make the width {@link #UNBOUNDED}. Lookaround contributes no width: the engine
 * matches with transparent bounds, so lookaround may read outside the window.
 */
public final class RegexWidth {

    public static final long UNBOUNDED = Long.MAX_VALUE;

    private final String p;
    private int i;

    private RegexWidth(String pattern) {
        this.p = pattern;
    }

    /** The maximum match width of {@code pattern}, or {@link #UNBOUNDED}. */
    public static long of(String pattern) {
        RegexWidth w = new RegexWidth(pattern);
        long width = w.alternation();
        if (w.i < w.p.length()) {
            throw new IllegalArgumentException("unbalanced ')' at index " + w.i);
        }
        return width;
    }

    private long alternation() {
        long best = sequence();
        while (i < p.length() && p.charAt(i) == '|') {
            i++;
            best = Math.max(best, sequence());
        }
        return best;
    }

    private long sequence() {
        long total = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '|' || c == ')') {
                break;
            }
            long atom = atom();
            total = add(total, quantified(atom));
        }
        return total;
    }

    private long atom() {
        char c = p.charAt(i);
        switch (c) {
            case '(':
                return group();
            case '[':
                skipClass();
                return 1;
            case '\\':
                return escape();
            case '^':
            case '$':
                i++;
                return 0;
            default:
                i++;
                return 1;
        }
    }

    private long group() {
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
                // inline flags: (?i) or (?i-s:...)
                int j = i + 1;
                while (j < p.length() && (Character.isLetter(p.charAt(j)) || p.charAt(j) == '-')) {
                    j++;
                }
                if (j < p.length() && p.charAt(j) == ')') {
                    if (p.substring(i + 1, j).contains("x")) {
                        throw new IllegalArgumentException("comments mode (?x) is not supported");
                    }
                    i = j + 1;
                    return 0;
                }
                if (j < p.length() && p.charAt(j) == ':') {
                    i = j + 1;
                } else {
                    throw new IllegalArgumentException("unknown group construct at index " + i);
                }
            }
        }
        long inner = alternation();
        if (i >= p.length() || p.charAt(i) != ')') {
            throw new IllegalArgumentException("unclosed group");
        }
        i++;
        return zeroWidth ? 0 : inner;
    }

    private void skipClass() {
        int depth = 0;
        i++; // '['
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++; // a leading ']' is literal
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

    private long escape() {
        if (i + 1 >= p.length()) {
            throw new IllegalArgumentException("trailing backslash");
        }
        char c = p.charAt(i + 1);
        i += 2;
        switch (c) {
            case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G':
                return 0;
            case 'R':
                return 2;
            case 'X':
            case 'k':
                return UNBOUNDED;
            case 'Q': {
                int end = p.indexOf("\\E", i);
                int stop = end < 0 ? p.length() : end;
                long n = p.codePointCount(i, stop);
                i = end < 0 ? p.length() : end + 2;
                return n;
            }
            case 'p': case 'P': case 'N':
                if (i < p.length() && p.charAt(i) == '{') {
                    i = p.indexOf('}', i) + 1;
                } else {
                    i++;
                }
                return 1;
            case 'x':
                if (i < p.length() && p.charAt(i) == '{') {
                    i = p.indexOf('}', i) + 1;
                } else {
                    i += 2;
                }
                return 1;
            case 'u':
                i += 4;
                return 1;
            case 'c':
                i += 1;
                return 1;
            case '0':
                while (i < p.length() && p.charAt(i) >= '0' && p.charAt(i) <= '7') {
                    i++;
                }
                return 1;
            default:
                if (c >= '1' && c <= '9') {
                    return UNBOUNDED; // back-reference
                }
                return 1;
        }
    }

    private long quantified(long atom) {
        if (i >= p.length()) {
            return atom;
        }
        char c = p.charAt(i);
        long result;
        if (c == '?') {
            i++;
            result = atom;
        } else if (c == '*' || c == '+') {
            i++;
            result = atom == 0 ? 0 : UNBOUNDED;
        } else if (c == '{') {
            int close = p.indexOf('}', i);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed repetition");
            }
            String spec = p.substring(i + 1, close);
            i = close + 1;
            int comma = spec.indexOf(',');
            if (comma < 0) {
                result = multiply(atom, Long.parseLong(spec.trim()));
            } else if (spec.substring(comma + 1).isBlank()) {
                result = atom == 0 ? 0 : UNBOUNDED;
            } else {
                result = multiply(atom, Long.parseLong(spec.substring(comma + 1).trim()));
            }
        } else {
            return atom;
        }
        if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
            i++; // lazy or possessive
        }
        return result;
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
}
