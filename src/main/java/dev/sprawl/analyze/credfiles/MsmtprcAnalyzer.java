package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.List;
import java.util.Set;

/**
 * msmtp's {@code .msmtprc} / {@code msmtprc}: {@code defaults} and {@code account NAME} blocks of
 * {@code key value} lines. Secret: {@code password} ({@code passwordeval} is a command, not a secret).
 * Identity: the account's {@code user} and {@code host} (falling back to the defaults block's) and
 * the account name (account).
 */
public final class MsmtprcAnalyzer extends CredentialFile {

    @Override
    public String id() {
        return "msmtprc";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".msmtprc") || fileName.equals("msmtprc") || fileName.equals("msmtprc.conf")
                ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        if (!s.contains("password")) {
            return;
        }
        out.context(CONTEXT);
        List<Ini.Section> sections = Ini.parse(in.text(), false, true);
        if (sections.isEmpty()) {
            return;
        }
        List<LineRecords.Record> records = LineRecords.split(sections.get(0).entries(), Set.of("account", "defaults"),
                s.length());
        LineRecords.Record defaults = null;
        for (LineRecords.Record r : records) {
            String head = r.first().lowerKey();
            if (!head.equals("account")) {
                // `defaults` (a line without a value) or the options before the first account
                defaults = r;
            }
            Ids ids = new Ids(out);
            for (String[] k : new String[][] {{"user", Identity.USER}, {"host", Identity.HOST}}) {
                Ini.Entry e = r.get(k[0]) != null ? r.get(k[0]) : defaults == null ? null : defaults.get(k[0]);
                if (e != null) {
                    ids.add(k[1], e.value(), e.keyOffset());
                }
            }
            String name = null;
            if (head.equals("account")) {
                name = r.first().value().split("\\s*:", 2)[0].strip();
                ids.add(Identity.ACCOUNT, name, r.first().keyOffset());
                out.scope(r.span(), "account " + name, null);
            }
            ids.bind(r.span());
            Ini.Entry pw = r.get("password");
            if (pw != null) {
                out.literal(AnalyzerRule.MSMTPRC, Category.PASSWORD, name == null ? "password" : name + ".password",
                        pw.value(), pw.valueSpan());
            }
        }
    }
}
