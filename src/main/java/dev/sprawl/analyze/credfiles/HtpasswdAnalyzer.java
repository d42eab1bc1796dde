package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import java.util.Map;

/**
 * Apache {@code .htpasswd} ({@code user:hash}) and {@code .htdigest} ({@code user:realm:hash}) files.
 * A hash ({@code $apr1$}, {@code $2y$}, {@code {SHA}}, {@code {SSHA}}, 13-character crypt, 32-hex
 * digest) is reported {@code low} with {@code attributes.hashed: true} (it must be cracked to be
 * used); a plain-text password (htpasswd {@code -p}) as a literal password. Identity: the user and
 * the realm (account).
 */
public final class HtpasswdAnalyzer extends CredentialFile {

    @Override
    public String id() {
        return "htpasswd";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".htpasswd") || fileName.equals("htpasswd") || fileName.endsWith(".htpasswd")
                || fileName.equals(".htdigest") || fileName.endsWith(".htdigest") ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        boolean digest = in.fileName().contains("htdigest");
        int at = 0;
        while (at < s.length()) {
            int nl = s.indexOf('\n', at);
            int end = nl < 0 ? s.length() : nl;
            int e = end > at && s.charAt(end - 1) == '\r' ? end - 1 : end;
            String line = s.substring(at, e);
            int c = line.indexOf(':');
            if (c > 0 && !line.startsWith("#")) {
                int c2 = digest ? line.indexOf(':', c + 1) : -1;
                int valueAt = (c2 > 0 ? c2 : c) + 1;
                out.context(CONTEXT);
                Ids ids = new Ids(out).add(Identity.USER, line.substring(0, c), at);
                if (c2 > 0) {
                    ids.add(Identity.ACCOUNT, line.substring(c + 1, c2), at + c + 1);
                }
                ids.bind(new Span(at, e));
                String value = line.substring(valueAt);
                Span span = new Span(at + valueAt, e);
                if (hashed(value, digest)) {
                    out.stated(AnalyzerRule.HTPASSWD, Category.PASSWORD, line.substring(0, c), value, span, Confidence.LOW,
                            Map.of("hashed", "true"));
                } else {
                    out.literal(AnalyzerRule.HTPASSWD, Category.PASSWORD, line.substring(0, c), value, span);
                }
            }
            at = end + 1;
        }
    }

    static boolean hashed(String v, boolean digest) {
        return v.startsWith("$") || v.startsWith("{SHA}") || v.startsWith("{SSHA}") || digest
                || v.length() == 13 && v.matches("[./0-9A-Za-z]{13}");
    }
}
