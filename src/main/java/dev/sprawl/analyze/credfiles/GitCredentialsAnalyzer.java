package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * git's plain-text credential store ({@code ~/.git-credentials}, {@code $XDG_CONFIG_HOME/git/credentials}):
 * one {@code scheme://user:password@host[:port][/path]} per line, user and password percent-encoded.
 * The password (percent-decoded) is the secret; the user and the host are its identity. The
 * password ends at the last {@code @} before the host, so an unescaped {@code @} in it is kept.
 */
public final class GitCredentialsAnalyzer extends CredentialFile {

    @Override
    public String id() {
        return "git-credentials";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (fileName.equals(".git-credentials") || fileName.equals("git-credentials")
                || fileName.equals("credentials") && endsWith(path, ".config/git/credentials")) {
            return Fit.NAME;
        }
        return Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        int at = 0;
        boolean any = false;
        while (at < s.length()) {
            int nl = s.indexOf('\n', at);
            int end = nl < 0 ? s.length() : nl;
            any |= line(s, at, end, out);
            at = end + 1;
        }
        if (!any && !s.isBlank() && !s.contains("://")) {
            out.warning("credential-file-malformed", "git-credentials: no credential URL; the text was still scanned");
        }
    }

    private static boolean line(String s, int from, int to, AnalyzerOutput out) {
        String line = s.substring(from, to).strip();
        int scheme = line.indexOf("://");
        if (scheme <= 0 || line.startsWith("#")) {
            return false;
        }
        int base = s.indexOf(line, from);
        int authStart = scheme + 3;
        int slash = line.indexOf('/', authStart);
        int hostEnd = slash < 0 ? line.length() : slash;
        int atSign = line.lastIndexOf('@', hostEnd - 1);
        if (atSign < authStart) {
            // an unescaped '/' in the password: the host is after the last '@'
            atSign = line.lastIndexOf('@');
            if (atSign < authStart) {
                return false;
            }
            int next = line.indexOf('/', atSign);
            hostEnd = next < 0 ? line.length() : next;
        }
        int colon = line.indexOf(':', authStart);
        if (colon < 0 || colon > atSign) {
            return false;
        }
        out.context(CONTEXT);
        String user = decode(line.substring(authStart, colon));
        String host = line.substring(atSign + 1, hostEnd);
        Span record = new Span(base, base + line.length());
        Ids ids = new Ids(out).add(Identity.USER, user, base + authStart).add(Identity.HOST, host, base + atSign + 1);
        ids.bind(record);
        out.literal(AnalyzerRule.GIT_CREDENTIALS, Category.PASSWORD, host, decode(line.substring(colon + 1, atSign)),
                new Span(base + colon + 1, base + atSign));
        return true;
    }

    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
