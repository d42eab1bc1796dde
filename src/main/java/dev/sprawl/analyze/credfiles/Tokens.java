package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The whitespace-separated tokens of {@code .netrc}-like files ({@code .netrc}, {@code .fetchmailrc}):
 * a token is a run of non-blank characters or a double-quoted string ({@code \"} and {@code \\}
 * escaped); a line starting with {@code #} is a comment. Each token keeps the span of its text
 * (inside the quotes) and whether it ended a line followed by an empty line (netrc's {@code macdef}
 * body ends there).
 */
final class Tokens {

    record Token(String text, Span span) {
    }

    /** Most tokens read from one file. */
    static final int MAX_TOKENS = 200_000;

    private Tokens() {
    }

    static List<Token> of(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        boolean lineStart = true;
        while (i < n && out.size() < MAX_TOKENS) {
            char c = s.charAt(i);
            if (c == '\n') {
                lineStart = true;
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#' && lineStart) {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            lineStart = false;
            if (c == '"') {
                StringBuilder b = new StringBuilder();
                int start = ++i;
                while (i < n && s.charAt(i) != '"' && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    b.append(s.charAt(i++));
                }
                out.add(new Token(b.toString(), new Span(start, i)));
                i++;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(s.substring(start, i), new Span(start, i)));
            }
        }
        return out;
    }

    /** The offset after the first empty line at or after {@code from} (the end of a netrc macro), or the end. */
    static int afterBlankLine(String s, int from) {
        int i = s.indexOf("\n\n", from);
        int j = s.indexOf("\n\r\n", from);
        if (i < 0 || j >= 0 && j < i) {
            i = j;
        }
        return i < 0 ? s.length() : i + 2;
    }
}
