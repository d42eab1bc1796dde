package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.JsonTrees;
import dev.sprawl.analyze.Span;
import dev.sprawl.analyze.Text;
import dev.sprawl.analyze.Tree;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import java.util.Map;

/**
 * rclone's {@code rclone.conf}: one section per remote ({@code type = s3}, {@code drive}, {@code sftp}...).
 * Secrets: {@code secret_access_key}, {@code client_secret}, {@code key} (B2, Azure), {@code sas_url},
 * any credential-named key, the {@code refresh_token} and {@code access_token} inside the
 * {@code token} JSON, and {@code pass}/{@code password}/{@code password2}, which rclone stores
 * <em>obscured</em> (reversibly encoded, not encrypted): they are reported as written, with
 * {@code attributes.encoding: rclone-obscured}, so their fingerprint is that of the obscured form.
 * Identity: {@code user}, {@code access_key_id}, {@code client_id}, {@code account}, {@code tenant},
 * {@code host}/{@code endpoint}/{@code url}. Resource: {@code remote NAME}.
 */
public final class RcloneAnalyzer extends IniFile {

    public RcloneAnalyzer() {
        super("rclone", AnalyzerRule.RCLONE, false, false,
                Map.of("secret_access_key", Category.API_KEY, "client_secret", Category.GENERIC_SECRET,
                        "key", Category.API_KEY, "sas_url", Category.CONNECTION_STRING, "pass", Category.PASSWORD,
                        "password", Category.PASSWORD, "password2", Category.PASSWORD, "token", Category.TOKEN),
                Map.of("user", Identity.USER, "username", Identity.USER, "access_key_id", Identity.KEY_ID,
                        "client_id", Identity.CLIENT_ID, "account", Identity.ACCOUNT, "tenant", Identity.ACCOUNT,
                        "host", Identity.HOST, "endpoint", Identity.HOST, "url", Identity.HOST), true);
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals("rclone.conf") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("type");
    }

    @Override
    String resource(Ini.Section s) {
        return s.name().isEmpty() ? null : "remote " + s.name();
    }

    @Override
    void report(Ini.Section s, Ini.Entry e, Category c, AnalyzerOutput out) {
        String key = s.name() + "." + e.key();
        switch (e.lowerKey()) {
            case "pass", "password", "password2" -> {
                if (e.value().length() >= 16) {
                    out.stated(rule(), c, key, e.value(), e.valueSpan(), Confidence.HIGH, Map.of("encoding", "rclone-obscured"));
                } else {
                    out.literal(rule(), c, key, e.value(), e.valueSpan());
                }
            }
            case "token" -> token(key, e, out);
            default -> super.report(s, e, c, out);
        }
    }

    /** {@code token = {"access_token":"…","refresh_token":"…",…}}: the two tokens, each at its place. */
    private void token(String key, Ini.Entry e, AnalyzerOutput out) {
        if (!e.value().startsWith("{")) {
            out.literal(rule(), Category.TOKEN, key, e.value(), e.valueSpan());
            return;
        }
        if (!(JsonTrees.parse(new Text(e.value())).tree() instanceof Tree.Mapping m)) {
            return;
        }
        for (String t : new String[] {"refresh_token", "access_token"}) {
            if (m.get(t) instanceof Tree.Scalar v) {
                Span at = new Span(e.valueSpan().start() + v.span().start(), e.valueSpan().start() + v.span().end());
                out.literal(rule(), Category.TOKEN, key + "." + t, v.value(), at);
            }
        }
    }
}
