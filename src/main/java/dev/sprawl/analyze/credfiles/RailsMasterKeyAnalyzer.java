package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import java.util.Map;

/**
 * Rails encrypted-credentials keys: {@code config/master.key} and
 * {@code config/credentials/ENV.key}, a file holding 32 hexadecimal characters alone (the key of
 * {@code credentials.yml.enc}). Reported {@code high} as a generic secret; resource
 * {@code credentials ENV} for a per-environment key. No identity is written beside it.
 */
public final class RailsMasterKeyAnalyzer extends CredentialFile {

    @Override
    public String id() {
        return "rails-master-key";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (!fileName.endsWith(".key")) {
            return Fit.NO;
        }
        String p = path.toLowerCase(java.util.Locale.ROOT);
        if (endsWith(p, "config/master.key") || p.contains("config/credentials/") && fileName.endsWith(".key")) {
            return Fit.NAME;
        }
        return fileName.equals("master.key") ? Fit.CONTENT : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        String v = s.strip();
        if (v.length() != 32 || !v.matches("[0-9a-f]{32}")) {
            if (fit(in.path(), in.fileName()) == Fit.NAME && !v.startsWith("-----BEGIN")) {
                out.warning("credential-file-malformed", "rails-master-key: not 32 hexadecimal characters; the text was still scanned");
            }
            return;
        }
        out.context(CONTEXT);
        int at = s.indexOf(v);
        Span span = new Span(at, at + v.length());
        if (in.fileName().equals("master.key")) {
            out.stated(AnalyzerRule.RAILS_MASTER_KEY, Category.GENERIC_SECRET, "master.key", v, span, Confidence.HIGH, Map.of());
        } else {
            String env = in.fileName().substring(0, in.fileName().length() - ".key".length());
            out.scope(span, "credentials " + env, null);
            out.stated(AnalyzerRule.RAILS_MASTER_KEY, Category.GENERIC_SECRET, in.fileName(), v, span, Confidence.HIGH, Map.of());
        }
    }
}
