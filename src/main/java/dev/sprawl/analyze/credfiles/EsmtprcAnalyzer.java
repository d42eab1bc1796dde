package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.List;
import java.util.Set;

/**
 * esmtp's {@code .esmtprc}: global options and {@code identity ADDRESS} blocks with
 * {@code hostname}, {@code username}, {@code password} (written {@code key = value} or
 * {@code key value}). Secrets: {@code password}, {@code certificate_passphrase}. Identity: the
 * block's {@code username} (user), {@code hostname} (host) and its identity address (account).
 */
public final class EsmtprcAnalyzer extends CredentialFile {

    @Override
    public String id() {
        return "esmtprc";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".esmtprc") || fileName.equals("esmtprc") ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        if (!s.contains("password") && !s.contains("passphrase")) {
            return;
        }
        out.context(CONTEXT);
        List<Ini.Section> sections = Ini.parse(in.text(), false, true);
        if (sections.isEmpty()) {
            return;
        }
        for (LineRecords.Record r : LineRecords.split(sections.get(0).entries(), Set.of("identity"), s.length())) {
            Ids ids = new Ids(out);
            Ini.Entry user = r.get("username");
            Ini.Entry host = r.get("hostname");
            if (user != null) {
                ids.add(Identity.USER, user.value(), user.keyOffset());
            }
            if (host != null) {
                ids.add(Identity.HOST, host.value(), host.keyOffset());
            }
            String name = null;
            if (r.first().lowerKey().equals("identity")) {
                name = r.first().value();
                ids.add(Identity.ACCOUNT, name, r.first().keyOffset());
                out.scope(r.span(), "identity " + name, null);
            }
            ids.bind(r.span());
            for (String key : new String[] {"password", "certificate_passphrase"}) {
                Ini.Entry e = r.get(key);
                if (e != null) {
                    out.literal(AnalyzerRule.ESMTPRC, Category.PASSWORD, key, e.value(), e.valueSpan());
                }
            }
        }
    }
}
