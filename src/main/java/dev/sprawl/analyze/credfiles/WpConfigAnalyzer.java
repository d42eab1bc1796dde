package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WordPress {@code wp-config.php}: the {@code define('NAME', 'value')} constants. {@code DB_PASSWORD}
 * is a password whose identity is {@code DB_USER} (user), {@code DB_HOST} (host) and
 * {@code DB_NAME} (account); the eight authentication keys and salts ({@code AUTH_KEY} …
 * {@code NONCE_SALT}) are generic secrets. WordPress's own stand-in
 * {@code put your unique phrase here} is not reported.
 */
public final class WpConfigAnalyzer extends CredentialFile {

    private static final Pattern DEFINE = Pattern.compile(
            "define\\s{0,20}\\(\\s{0,20}(['\"])([A-Z_]{2,40})\\1\\s{0,20},\\s{0,20}(['\"])((?:(?!\\3)[^\\\\\\n]|\\\\.){0,1024})\\3");
    private static final Set<String> SALTS = Set.of("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY",
            "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT");

    @Override
    public String id() {
        return "wp-config";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.startsWith("wp-config") && fileName.endsWith(".php") ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        if (!s.contains("define")) {
            return;
        }
        Map<String, int[]> spans = new HashMap<>();
        Map<String, String> values = new HashMap<>();
        Matcher m = DEFINE.matcher(s);
        while (m.find()) {
            spans.put(m.group(2), new int[] {m.start(4), m.end(4), m.start()});
            values.put(m.group(2), m.group(4));
        }
        if (values.isEmpty()) {
            return;
        }
        out.context(CONTEXT);
        int[] pw = spans.get("DB_PASSWORD");
        if (pw != null) {
            Ids ids = new Ids(out);
            for (String[] k : new String[][] {{"DB_USER", Identity.USER}, {"DB_HOST", Identity.HOST}, {"DB_NAME", Identity.ACCOUNT}}) {
                if (values.containsKey(k[0]) && !values.get(k[0]).endsWith("_here")) {
                    ids.add(k[1], values.get(k[0]), spans.get(k[0])[2]);
                }
            }
            ids.bind(new Span(pw[0], Math.max(pw[0] + 1, pw[1])));
            out.literal(AnalyzerRule.WP_CONFIG, Category.PASSWORD, "DB_PASSWORD", values.get("DB_PASSWORD"),
                    new Span(pw[0], pw[1]));
        }
        for (String salt : SALTS) {
            int[] at = spans.get(salt);
            if (at != null && values.get(salt).equals("put your unique phrase here")) {
                out.nonLiteral(new Span(at[0], Math.max(at[0] + 1, at[1])));
            } else if (at != null) {
                out.literal(AnalyzerRule.WP_CONFIG, Category.GENERIC_SECRET, salt, values.get(salt), new Span(at[0], at[1]));
            }
        }
    }
}
