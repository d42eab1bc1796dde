package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.Map;

/**
 * Mercurial's {@code .hgrc} / {@code hgrc} / {@code mercurial.ini}: in {@code [auth]}, the entries
 * {@code NAME.prefix}, {@code NAME.username}, {@code NAME.password} form one record per NAME; the
 * password is the secret, the username and the prefix's host its identity.
 */
public final class HgrcAnalyzer extends IniFile {

    public HgrcAnalyzer() {
        super("hgrc", AnalyzerRule.HGRC, false, false, Map.of(), Map.of(), false);
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".hgrc") || fileName.equals("hgrc") || fileName.equals("mercurial.ini") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("[auth]") && content.contains(".password");
    }

    @Override
    void section(Ini.Section s, AnalyzerOutput out) {
        if (!s.name().equals("auth")) {
            return;
        }
        for (Ini.Entry e : s.entries()) {
            if (!e.lowerKey().endsWith(".password")) {
                continue;
            }
            String name = e.key().substring(0, e.key().length() - ".password".length());
            Ids ids = new Ids(out);
            ids.addIni(s, name + ".username", Identity.USER);
            ids.addIni(s, name + ".prefix", Identity.HOST);
            Span line = new Span(e.keyOffset(), e.valueSpan().end());
            ids.bind(line);
            out.scope(line, "auth " + name, null);
            out.literal(AnalyzerRule.HGRC, Category.PASSWORD, "auth." + e.key(), e.value(), e.valueSpan());
        }
    }
}
