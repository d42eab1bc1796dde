package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.ArrayList;
import java.util.List;

/**
 * libpq's password file ({@code ~/.pgpass}, {@code %APPDATA%\postgresql\pgpass.conf}, or the file
 * {@code PGPASSFILE} names): lines {@code hostname:port:database:username:password}, {@code \:} and
 * {@code \\} escaped, {@code *} matching anything. The password (unescaped) is the secret; the host
 * (with its port), the user and the database (account) of the line are its identity.
 */
public final class PgpassAnalyzer extends CredentialFile {

    @Override
    public String id() {
        return "pgpass";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".pgpass") || fileName.equals("pgpass") || fileName.equals("pgpass.conf") ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        int at = 0;
        int bad = 0;
        while (at < s.length()) {
            int nl = s.indexOf('\n', at);
            int end = nl < 0 ? s.length() : nl;
            if (end > at && s.charAt(end - 1) == '\r') {
                end--;
            }
            if (end > at && s.charAt(at) != '#' && !line(s, at, end, out) && !s.substring(at, end).isBlank()) {
                bad++;
            }
            at = (nl < 0 ? s.length() : nl) + 1;
        }
        if (bad > 0) {
            out.warning("credential-file-malformed", "pgpass: " + bad + " line(s) without five fields; the text was still scanned");
        }
    }

    /** Splits one line into its five fields (the last takes the rest); false when it has fewer. */
    private static boolean line(String s, int from, int to, AnalyzerOutput out) {
        List<String> fields = new ArrayList<>(5);
        List<Integer> starts = new ArrayList<>(5);
        StringBuilder f = new StringBuilder();
        starts.add(from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < to) {
                f.append(s.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(f.toString());
                f.setLength(0);
                starts.add(i + 1);
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString());
        if (fields.size() < 5) {
            return false;
        }
        out.context(CONTEXT);
        String host = fields.get(0).equals("*") ? null
                : fields.get(1).equals("*") ? fields.get(0) : fields.get(0) + ":" + fields.get(1);
        new Ids(out).add(Identity.HOST, host, from).add(Identity.USER, fields.get(3), starts.get(3))
                .add(Identity.ACCOUNT, fields.get(2), starts.get(2)).bind(new Span(from, to));
        out.literal(AnalyzerRule.PGPASS, Category.PASSWORD, fields.get(0) + ":" + fields.get(1) + ":" + fields.get(2),
                fields.get(4), new Span(starts.get(4), to));
        return true;
    }
}
