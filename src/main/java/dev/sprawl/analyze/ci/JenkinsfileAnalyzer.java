package dev.sprawl.analyze.ci;

import dev.sprawl.analyze.Analyzer;
import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.CredentialKeys;
import dev.sprawl.analyze.Span;
import dev.sprawl.rules.Category;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jenkins pipelines ({@code Jenkinsfile}, {@code Jenkinsfile.*}, {@code *.jenkinsfile}), read as text
 * with comments blanked out: literals assigned in {@code environment { }} blocks, in
 * {@code withEnv([...])} items, to {@code env.NAME} and as {@code defaultValue} of credential-named
 * {@code string}/{@code password} parameters. Single-quoted strings are literals; a double-quoted
 * string with {@code $} interpolates and is not. References ({@code jenkins-credential}):
 * {@code credentials('id')}, {@code credentialsId: 'id'}, {@code sshagent(['id'])}.
 */
public final class JenkinsfileAnalyzer implements Analyzer {

    private static final Pattern ENVIRONMENT = Pattern.compile("\\benvironment\\s*\\{");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^[ \\t]*([A-Za-z_][A-Za-z0-9_]{0,127})[ \\t]*=[ \\t]*(\\S[^\\n]{0,2000})");
    private static final Pattern WITH_ENV = Pattern.compile("\\bwithEnv\\s*\\(\\s*\\[");
    private static final Pattern QUOTED = Pattern.compile("'([^'\\n]{0,4096})'|\"([^\"\\n]{0,4096})\"");
    private static final Pattern ENV_ASSIGNMENT = Pattern.compile(
            "\\benv\\.([A-Za-z_][A-Za-z0-9_]{0,127})\\s*=\\s*(?:'([^'\\n]{0,4096})'|\"([^\"\\n]{0,4096})\")");
    private static final Pattern PARAMETER = Pattern.compile("\\b(?:string|password)\\s*\\(([^)]{0,2000})\\)");
    private static final Pattern PARAM_NAME = Pattern.compile("\\bname\\s*:\\s*['\"]([^'\"]{1,128})['\"]");
    private static final Pattern PARAM_DEFAULT = Pattern.compile("\\bdefaultValue\\s*:\\s*(?:'([^'\\n]{0,4096})'|\"([^\"\\n]{0,4096})\")");
    private static final Pattern CREDENTIALS = Pattern.compile(
            "\\bcredentials\\s*\\(\\s*['\"]([^'\"\\n]{1,256})['\"]\\s*\\)|\\bcredentialsId\\s*:\\s*['\"]([^'\"\\n]{1,256})['\"]");
    private static final Pattern SSHAGENT = Pattern.compile("\\bsshagent\\s*\\(\\s*(?:credentials\\s*:\\s*)?\\[([^\\]]{0,2000})\\]");

    @Override
    public String id() {
        return "jenkinsfile";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals("jenkinsfile") || fileName.startsWith("jenkinsfile.") || fileName.endsWith(".jenkinsfile")
                ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        out.context("ci");
        String code = blankComments(in.text().content());
        Matcher env = ENVIRONMENT.matcher(code);
        while (env.find()) {
            int end = closingBrace(code, env.end());
            Matcher a = ASSIGNMENT.matcher(code).region(env.end(), end);
            while (a.find()) {
                assignment(a.group(1), a.group(2).strip(), a.start(2), out);
            }
        }
        Matcher w = WITH_ENV.matcher(code);
        while (w.find()) {
            int close = code.indexOf(']', w.end());
            Matcher q = QUOTED.matcher(code).region(w.end(), close < 0 ? code.length() : close);
            while (q.find()) {
                boolean single = q.group(1) != null;
                String item = single ? q.group(1) : q.group(2);
                int eq = item.indexOf('=');
                if (eq > 0 && (single || item.indexOf('$') < 0)) {
                    report(item.substring(0, eq), item.substring(eq + 1), new Span(q.start(), q.end()), out);
                }
            }
        }
        Matcher e = ENV_ASSIGNMENT.matcher(code);
        while (e.find()) {
            String value = e.group(2) != null ? e.group(2) : e.group(3);
            if (e.group(2) != null || value.indexOf('$') < 0) {
                report(e.group(1), value, new Span(e.start(), e.end()), out);
            }
        }
        Matcher p = PARAMETER.matcher(code);
        while (p.find()) {
            Matcher name = PARAM_NAME.matcher(p.group(1));
            Matcher def = PARAM_DEFAULT.matcher(p.group(1));
            if (name.find() && def.find()) {
                String value = def.group(1) != null ? def.group(1) : def.group(2);
                Category c = CredentialKeys.categoryOf(name.group(1));
                if (c == null && code.startsWith("password", p.start())) {
                    c = Category.PASSWORD;
                }
                if (c != null && (def.group(1) != null || value.indexOf('$') < 0)) {
                    out.literal(AnalyzerRule.CI_LITERAL, c, "parameters." + name.group(1), value,
                            new Span(p.start(1) + def.start(), p.start(1) + def.end()));
                }
            }
        }
        Matcher c = CREDENTIALS.matcher(code);
        while (c.find()) {
            int g = c.group(1) != null ? 1 : 2;
            out.reference("jenkins-credential", c.group(g), new Span(c.start(g), c.end(g)), null);
        }
        Matcher s = SSHAGENT.matcher(code);
        while (s.find()) {
            Matcher q = QUOTED.matcher(code).region(s.start(1), s.end(1));
            while (q.find()) {
                int g = q.group(1) != null ? 1 : 2;
                out.reference("jenkins-credential", q.group(g), new Span(q.start(g), q.end(g)), null);
            }
        }
    }

    /** {@code NAME = value} in an environment block. */
    private static void assignment(String name, String value, int at, AnalyzerOutput out) {
        Span span = new Span(at, at + value.length());
        Category c = CredentialKeys.categoryOf(name);
        if (value.startsWith("'") && value.endsWith("'") && value.length() >= 2) {
            if (c != null) {
                out.literal(AnalyzerRule.CI_LITERAL, c, "environment." + name, value.substring(1, value.length() - 1), span);
            }
        } else if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2 && value.indexOf('$') < 0) {
            if (c != null) {
                out.literal(AnalyzerRule.CI_LITERAL, c, "environment." + name, value.substring(1, value.length() - 1), span);
            }
        } else {
            out.nonLiteral(span);
        }
    }

    private static void report(String name, String value, Span span, AnalyzerOutput out) {
        Category c = CredentialKeys.categoryOf(name.strip());
        if (c != null) {
            out.literal(AnalyzerRule.CI_LITERAL, c, "env." + name.strip(), value, span);
        }
    }

    /** The offset of the brace closing the block opened just before {@code from} (strings skipped). */
    static int closingBrace(String code, int from) {
        int depth = 1;
        for (int i = from; i < code.length(); i++) {
            char ch = code.charAt(i);
            if (ch == '\'' || ch == '"') {
                i = skipString(code, i);
            } else if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return i;
            }
        }
        return code.length();
    }

    /** Groovy code with {@code //} and {@code /* *}{@code /} comments replaced by spaces (offsets kept). */
    static String blankComments(String src) {
        char[] out = src.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char ch = out[i];
            if (ch == '\'' || ch == '"') {
                i = skipString(src, i);
            } else if (ch == '/' && i + 1 < out.length && out[i + 1] == '/') {
                while (i < out.length && out[i] != '\n') {
                    out[i++] = ' ';
                }
            } else if (ch == '/' && i + 1 < out.length && out[i + 1] == '*') {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? out.length : end + 2;
                for (; i < end; i++) {
                    if (out[i] != '\n') {
                        out[i] = ' ';
                    }
                }
                i--;
            }
        }
        return new String(out);
    }

    /** The offset of the last character of the string starting at {@code i} (triple quotes included). */
    private static int skipString(String s, int i) {
        char q = s.charAt(i);
        boolean triple = s.startsWith(String.valueOf(q).repeat(3), i);
        int j = i + (triple ? 3 : 1);
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (!triple && c == '\n') {
                return j;
            }
            if (c == q && (!triple || s.startsWith(String.valueOf(q).repeat(3), j))) {
                return triple ? j + 2 : j;
            }
            j++;
        }
        return s.length() - 1;
    }
}
