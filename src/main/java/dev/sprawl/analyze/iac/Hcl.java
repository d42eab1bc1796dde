package dev.sprawl.analyze.iac;

import dev.sprawl.analyze.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A tolerant reader of HCL 2 (Terraform {@code .tf} and {@code .tfvars}) that keeps only what the
 * Terraform analyzer needs: blocks with their labels and spans, attributes, and whether an
 * attribute's value is a plain string literal, an object (whose entries are read the same way), or
 * any other expression (a reference, a call, an interpolated template...). Unknown syntax is skipped,
 * never fatal: this is not a validator.
 */
final class Hcl {

    /** Deepest block or object nesting read. */
    static final int MAX_DEPTH = 64;

    sealed interface Expr permits Literal, Obj, Other {
        Span span();
    }

    /** A string (or heredoc) without interpolation: its decoded value. */
    record Literal(String value, Span span) implements Expr {
    }

    /** An object constructor {@code { k = v, ... }}. */
    record Obj(List<Attribute> entries, Span span) implements Expr {
    }

    /**
     * Any other expression.
     *
     * @param head    the leading token or traversal ({@code var.x}, {@code data.a.b.c}, a template string)
     * @param objects object constructors nested inside (in lists, calls...), read for literals too
     */
    record Other(Span span, Span head, List<Obj> objects) implements Expr {
    }

    record Attribute(String name, Span nameSpan, Expr value) {
    }

    record Block(String type, List<String> labels, Span span, Body body) {
    }

    record Body(List<Attribute> attributes, List<Block> blocks) {
    }

    private enum T { IDENT, STRING, TEMPLATE, NUMBER, PUNCT, NEWLINE, EOF }

    private record Token(T type, String text, int start, int end) {
        boolean is(String p) {
            return type == T.PUNCT && text.equals(p);
        }
    }

    private final List<Token> tokens;
    private int pos;

    private Hcl(String src) {
        this.tokens = new Lexer(src).run();
    }

    static Body parse(String src) {
        Hcl h = new Hcl(src);
        return h.body(false, 0);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.type != T.EOF) {
            pos++;
        }
        return t;
    }

    private Body body(boolean braced, int depth) {
        List<Attribute> attributes = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.type == T.EOF) {
                return new Body(attributes, blocks);
            }
            if (t.type == T.NEWLINE || t.is(",")) {
                next();
                continue;
            }
            if (t.is("}")) {
                if (braced) {
                    return new Body(attributes, blocks);
                }
                next();
                continue;
            }
            if (t.type != T.IDENT) {
                next();
                continue;
            }
            next();
            Token after = peek();
            if (after.is("=") || after.is(":")) {
                next();
                attributes.add(new Attribute(t.text, new Span(t.start, t.end), expression(braced, depth)));
                continue;
            }
            List<String> labels = new ArrayList<>();
            while (peek().type == T.STRING || peek().type == T.IDENT) {
                labels.add(next().text);
            }
            if (!peek().is("{") || depth >= MAX_DEPTH) {
                skipLine();
                continue;
            }
            next();
            Body inner = body(true, depth + 1);
            int end = peek().is("}") ? next().end : peek().start;
            blocks.add(new Block(t.text, labels, new Span(t.start, Math.max(t.start, end)), inner));
        }
    }

    private void skipLine() {
        while (peek().type != T.NEWLINE && peek().type != T.EOF) {
            next();
        }
    }

    /** An expression up to a newline, comma or closing brace at its own depth. */
    private Expr expression(boolean braced, int depth) {
        int from = pos;
        int nesting = 0;
        while (true) {
            Token t = peek();
            if (t.type == T.EOF) {
                break;
            }
            if (nesting == 0 && (t.type == T.NEWLINE || t.is(",") || t.is("}") || t.is(")") || t.is("]"))) {
                break;
            }
            if (t.is("(") || t.is("[") || t.is("{")) {
                nesting++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                nesting--;
            } else if (t.type == T.NEWLINE && nesting > 0) {
                // newlines inside brackets do not end the expression
            }
            next();
        }
        int to = pos;
        if (to == from) {
            Token t = peek();
            return new Other(new Span(t.start, t.start), new Span(t.start, t.start), List.of());
        }
        Token first = tokens.get(from);
        Token last = tokens.get(to - 1);
        Span span = new Span(first.start, last.end);
        if (to - from == 1 && first.type == T.STRING) {
            return new Literal(first.text, span);
        }
        if (first.is("{") && matching(from) == to - 1 && depth < MAX_DEPTH) {
            return object(from, to - 1, depth + 1);
        }
        List<Obj> objects = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (tokens.get(i).is("{") && depth < MAX_DEPTH) {
                int close = matching(i);
                if (close > i && close < to) {
                    objects.add(object(i, close, depth + 1));
                    i = close;
                }
            }
        }
        int headEnd = from;
        while (headEnd + 1 < to && (tokens.get(headEnd + 1).is(".") || tokens.get(headEnd).is("."))
                && tokens.get(headEnd + 1).type != T.NEWLINE) {
            headEnd++;
        }
        return new Other(span, new Span(first.start, tokens.get(headEnd).end), objects);
    }

    /** The index of the token closing the bracket at {@code open}, or -1. */
    private int matching(int open) {
        int nesting = 0;
        for (int i = open; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("(") || t.is("[") || t.is("{")) {
                nesting++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                if (--nesting == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The object constructor between the braces at {@code open} and {@code close}. */
    private Obj object(int open, int close, int depth) {
        int saved = pos;
        List<Attribute> entries = new ArrayList<>();
        pos = open + 1;
        while (pos < close) {
            Token t = peek();
            if (t.type == T.NEWLINE || t.is(",")) {
                next();
                continue;
            }
            if ((t.type == T.IDENT || t.type == T.STRING) && (tokens.get(pos + 1).is("=") || tokens.get(pos + 1).is(":"))) {
                next();
                next();
                Expr value = expression(true, depth);
                entries.add(new Attribute(t.text, new Span(t.start, t.end), value));
                continue;
            }
            // anything else (a for expression, a computed key): skip to the next entry
            int nesting = 0;
            while (pos < close) {
                Token s = peek();
                if (nesting == 0 && (s.type == T.NEWLINE || s.is(","))) {
                    break;
                }
                if (s.is("(") || s.is("[") || s.is("{")) {
                    nesting++;
                } else if (s.is(")") || s.is("]") || s.is("}")) {
                    nesting--;
                }
                next();
            }
        }
        Token o = tokens.get(open);
        Token c = tokens.get(close);
        pos = Math.max(saved, close + 1);
        return new Obj(entries, new Span(o.start, c.end));
    }

    /** Splits HCL into tokens; strings come decoded, with interpolating ones marked as templates. */
    private static final class Lexer {
        private final String s;
        private final List<Token> out = new ArrayList<>();
        private int i;

        Lexer(String s) {
            this.s = s;
        }

        List<Token> run() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\n') {
                    out.add(new Token(T.NEWLINE, "\n", i, i + 1));
                    i++;
                } else if (c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF') {
                    i++;
                } else if (c == '#' || c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                    int end = s.indexOf("*/", i + 2);
                    i = end < 0 ? s.length() : end + 2;
                } else if (c == '"') {
                    string();
                } else if (c == '<' && s.startsWith("<<", i) && heredoc()) {
                    // consumed
                } else if (Character.isLetter(c) || c == '_') {
                    int st = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                            || s.charAt(i) == '-')) {
                        i++;
                    }
                    out.add(new Token(T.IDENT, s.substring(st, i), st, i));
                } else if (Character.isDigit(c)) {
                    int st = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                        i++;
                    }
                    out.add(new Token(T.NUMBER, s.substring(st, i), st, i));
                } else {
                    int len = s.startsWith("==", i) || s.startsWith("!=", i) || s.startsWith("<=", i)
                            || s.startsWith(">=", i) || s.startsWith("=>", i) || s.startsWith("&&", i)
                            || s.startsWith("||", i) ? 2 : 1;
                    out.add(new Token(T.PUNCT, s.substring(i, i + len), i, i + len));
                    i += len;
                }
            }
            out.add(new Token(T.EOF, "", s.length(), s.length()));
            return out;
        }

        /** A quoted string: decoded, or a template when it interpolates ({@code ${}} or {@code %{}}). */
        private void string() {
            int st = i;
            i++;
            StringBuilder v = new StringBuilder();
            boolean template = false;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '"' || c == '\n') {
                    break;
                }
                if (c == '\\' && i + 1 < s.length()) {
                    char e = s.charAt(i + 1);
                    switch (e) {
                        case 'n' -> v.append('\n');
                        case 't' -> v.append('\t');
                        case 'r' -> v.append('\r');
                        case '"' -> v.append('"');
                        case '\\' -> v.append('\\');
                        case 'u' -> {
                            if (i + 6 <= s.length()) {
                                try {
                                    v.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                                    i += 4;
                                } catch (NumberFormatException ex) {
                                    v.append('u');
                                }
                            }
                        }
                        default -> v.append(e);
                    }
                    i += 2;
                    continue;
                }
                if ((c == '$' || c == '%') && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                    if (i + 2 < s.length() && s.startsWith(c == '$' ? "$${" : "%%{", i)) {
                        v.append(c).append('{');
                        i += 3;
                        continue;
                    }
                    template = true;
                    i = skipInterpolation(i + 2);
                    continue;
                }
                if ((c == '$' || c == '%') && s.startsWith(c == '$' ? "$${" : "%%{", i)) {
                    v.append(c).append('{');
                    i += 3;
                    continue;
                }
                v.append(c);
                i++;
            }
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
            }
            out.add(new Token(template ? T.TEMPLATE : T.STRING, v.toString(), st, i));
        }

        /** Skips a {@code ${ ... }} sequence (nested braces and strings included); returns the offset after it. */
        private int skipInterpolation(int j) {
            int depth = 1;
            while (j < s.length() && depth > 0) {
                char c = s.charAt(j);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                } else if (c == '"') {
                    j++;
                    while (j < s.length() && s.charAt(j) != '"' && s.charAt(j) != '\n') {
                        j += s.charAt(j) == '\\' ? 2 : 1;
                    }
                } else if (c == '\n') {
                    return j;
                }
                j++;
            }
            return j;
        }

        /** Removes the smallest indentation of the non-blank lines from every line ({@code <<-} heredocs). */
        private static String dedent(String v) {
            int min = Integer.MAX_VALUE;
            for (String line : v.split("\n", -1)) {
                if (!line.isBlank()) {
                    int n = 0;
                    while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
                        n++;
                    }
                    min = Math.min(min, n);
                }
            }
            if (min == 0 || min == Integer.MAX_VALUE) {
                return v;
            }
            StringBuilder sb = new StringBuilder(v.length());
            for (String line : v.split("\n", -1)) {
                if (sb.length() > 0 || !line.isEmpty()) {
                    sb.append(line.length() >= min ? line.substring(min) : line.strip());
                }
                sb.append('\n');
            }
            return sb.substring(0, sb.length() - 1);
        }

        /** {@code <<EOT} or {@code <<-EOT} up to the closing marker line. */
        private boolean heredoc() {
            int j = i + 2;
            boolean indented = j < s.length() && s.charAt(j) == '-';
            if (indented) {
                j++;
            }
            int ms = j;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j == ms) {
                return false;
            }
            String marker = s.substring(ms, j);
            int lineEnd = s.indexOf('\n', j);
            if (lineEnd < 0) {
                return false;
            }
            int st = i;
            int p = lineEnd + 1;
            StringBuilder v = new StringBuilder();
            boolean template = false;
            while (p < s.length()) {
                int nl = s.indexOf('\n', p);
                int e = nl < 0 ? s.length() : nl;
                String line = s.substring(p, e);
                if (line.strip().equals(marker)) {
                    i = e;
                    String value = v.toString();
                    if (indented) {
                        value = dedent(value);
                    }
                    out.add(new Token(template ? T.TEMPLATE : T.STRING, value, st, e));
                    return true;
                }
                if (line.contains("${") && !line.contains("$${") || line.contains("%{") && !line.contains("%%{")) {
                    template = true;
                }
                v.append(line).append('\n');
                if (nl < 0) {
                    break;
                }
                p = nl + 1;
            }
            i = s.length();
            out.add(new Token(template ? T.TEMPLATE : T.STRING, v.toString(), st, s.length()));
            return true;
        }
    }
}
