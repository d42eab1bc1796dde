package dev.sprawl.analyze.container;

import dev.sprawl.analyze.Analyzer;
import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.CredentialKeys;
import dev.sprawl.analyze.Span;
import dev.sprawl.rules.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dockerfiles and Containerfiles: literal credentials in {@code ENV} ({@code K=V ...} and the legacy
 * {@code ENV K V}) and in {@code ARG} defaults, which end up in the image's config or history for
 * anyone who pulls it. Line continuations and the {@code # escape=} directive are honoured.
 * References: build secrets mounted with {@code RUN --mount=type=secret,id=NAME}
 * ({@code docker-build-secret}). Context: {@code container}.
 */
public final class DockerfileAnalyzer implements Analyzer {

    private static final Pattern MOUNT = Pattern.compile("--mount=(\\S{1,1000})");
    /** The {@code # escape=} parser directive, among the comment lines at the top. */
    private static final Pattern ESCAPE = Pattern.compile("(?m)\\A(?:#[^\\n]{0,1000}\\n){0,20}?#\\s*escape\\s*=\\s*([`\\\\])");

    @Override
    public String id() {
        return "dockerfile";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals("dockerfile") || fileName.startsWith("dockerfile.") || fileName.endsWith(".dockerfile")
                || fileName.equals("containerfile") || fileName.startsWith("containerfile.") ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        out.context("container");
        String s = in.text().content();
        char escape = escapeChar(s);
        for (Logical line : logicalLines(s, escape)) {
            String text = line.text.toString();
            int i = 0;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int j = i;
            while (j < text.length() && !Character.isWhitespace(text.charAt(j))) {
                j++;
            }
            String instruction = text.substring(i, j).toUpperCase(Locale.ROOT);
            if (instruction.equals("ENV") || instruction.equals("ARG")) {
                assignments(instruction, line, j, out);
            } else if (instruction.equals("RUN")) {
                Matcher m = MOUNT.matcher(text);
                while (m.find()) {
                    mount(m.group(1), line.span(m.start(1), m.end(1)), out);
                }
            }
        }
    }

    private static void mount(String options, Span span, AnalyzerOutput out) {
        String type = null;
        String id = null;
        String target = null;
        for (String opt : options.split(",")) {
            int eq = opt.indexOf('=');
            String k = eq < 0 ? opt : opt.substring(0, eq);
            String v = eq < 0 ? "" : opt.substring(eq + 1);
            switch (k) {
                case "type" -> type = v;
                case "id" -> id = v;
                case "target", "dst", "destination" -> target = v;
                default -> { }
            }
        }
        if ("secret".equals(type)) {
            String name = id != null ? id : target == null ? null : target.substring(target.lastIndexOf('/') + 1);
            out.reference("docker-build-secret", name, span, null);
        }
    }

    private static void assignments(String instruction, Logical line, int from, AnalyzerOutput out) {
        List<int[]> tokens = tokens(line.text, from);
        if (tokens.isEmpty()) {
            return;
        }
        String text = line.text.toString();
        String first = text.substring(tokens.get(0)[0], tokens.get(0)[1]);
        if (instruction.equals("ENV") && first.indexOf('=') < 0) {
            // legacy form: ENV NAME the rest of the line
            if (tokens.size() > 1) {
                int vs = tokens.get(1)[0];
                int ve = tokens.get(tokens.size() - 1)[1];
                report(instruction, first, unquote(text.substring(vs, ve)), line.span(vs, ve), out);
            }
            return;
        }
        for (int[] t : tokens) {
            String tok = text.substring(t[0], t[1]);
            int eq = tok.indexOf('=');
            if (eq > 0) {
                report(instruction, tok.substring(0, eq), unquote(tok.substring(eq + 1)), line.span(t[0] + eq + 1, t[1]), out);
            }
        }
    }

    private static void report(String instruction, String name, String value, Span span, AnalyzerOutput out) {
        Category c = CredentialKeys.categoryOf(name);
        if (c != null) {
            out.literal(AnalyzerRule.DOCKERFILE_LITERAL, c, instruction + "." + name, value, span);
        }
    }

    /** Whitespace-separated tokens (quotes group, backslash escapes), as [start, end) pairs. */
    private static List<int[]> tokens(CharSequence s, int from) {
        List<int[]> out = new ArrayList<>();
        int i = from;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int start = i;
            char quote = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (quote == 0 && Character.isWhitespace(c)) {
                    break;
                }
                if (c == '\\' && quote != '\'') {
                    i += 2;
                    continue;
                }
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                }
                i++;
            }
            out.add(new int[] {start, Math.min(i, s.length())});
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' && v.endsWith("\"") || v.charAt(0) == '\'' && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static char escapeChar(String s) {
        Matcher m = ESCAPE.matcher(s);
        return m.lookingAt() ? m.group(1).charAt(0) : '\\';
    }

    /** An instruction joined across continuation lines, with each character's offset in the file. */
    private static final class Logical {
        final StringBuilder text = new StringBuilder();
        int[] offsets = new int[64];

        void add(char c, int offset) {
            if (text.length() == offsets.length) {
                offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[text.length()] = offset;
            text.append(c);
        }

        Span span(int start, int end) {
            if (text.length() == 0) {
                return new Span(0, 0);
            }
            int s = offsets[Math.min(start, text.length() - 1)];
            int e = end <= 0 ? s : offsets[Math.min(end, text.length()) - 1] + 1;
            return new Span(s, Math.max(s, e));
        }
    }

    private static List<Logical> logicalLines(String s, char escape) {
        List<Logical> out = new ArrayList<>();
        Logical cur = null;
        int pos = 0;
        while (pos <= s.length()) {
            int nl = s.indexOf('\n', pos);
            int end = nl < 0 ? s.length() : nl;
            String line = s.substring(pos, end);
            String trimmed = line.strip();
            boolean comment = trimmed.startsWith("#");
            if (cur == null && (trimmed.isEmpty() || comment)) {
                pos = end + 1;
                if (nl < 0) {
                    break;
                }
                continue;
            }
            if (cur == null) {
                cur = new Logical();
            }
            if (!comment) {
                int stop = line.length();
                while (stop > 0 && Character.isWhitespace(line.charAt(stop - 1))) {
                    stop--;
                }
                boolean continues = stop > 0 && line.charAt(stop - 1) == escape;
                int copyEnd = continues ? stop - 1 : line.length();
                for (int k = 0; k < copyEnd; k++) {
                    cur.add(line.charAt(k), pos + k);
                }
                if (!continues) {
                    out.add(cur);
                    cur = null;
                } else {
                    cur.add(' ', pos + copyEnd);
                }
            }
            if (nl < 0) {
                break;
            }
            pos = end + 1;
        }
        if (cur != null) {
            out.add(cur);
        }
        return out;
    }
}
