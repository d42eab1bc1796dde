package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import java.util.List;

/**
 * fetchmail's {@code .fetchmailrc}: {@code poll HOST} (or {@code skip HOST}) entries with
 * {@code user NAME} and {@code password SECRET} (also {@code username}, {@code pass}) anywhere in the
 * entry, one line or many. The password is the secret; the host and the user its identity.
 */
public final class FetchmailrcAnalyzer extends CredentialFile {

    @Override
    public String id() {
        return "fetchmailrc";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".fetchmailrc") || fileName.equals("fetchmailrc") ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        if (!s.contains("pass")) {
            return;
        }
        List<Tokens.Token> t = Tokens.of(s);
        int i = 0;
        while (i < t.size()) {
            String w = t.get(i).text();
            if (!(w.equals("poll") || w.equals("skip")) || i + 1 >= t.size()) {
                i++;
                continue;
            }
            int start = t.get(i).span().start();
            Tokens.Token host = t.get(i + 1);
            Ids ids = new Ids(out).add(Identity.HOST, host.text(), host.span().start());
            Tokens.Token password = null;
            i += 2;
            while (i < t.size() && !t.get(i).text().equals("poll") && !t.get(i).text().equals("skip")
                    && !t.get(i).text().equals("defaults")) {
                String f = t.get(i).text();
                if (i + 1 < t.size() && (f.equals("user") || f.equals("username"))) {
                    ids.add(Identity.USER, t.get(i + 1).text(), t.get(i + 1).span().start());
                    i += 2;
                } else if (i + 1 < t.size() && (f.equals("password") || f.equals("pass"))) {
                    password = t.get(i + 1);
                    i += 2;
                } else {
                    i++;
                }
            }
            int end = i < t.size() ? t.get(i).span().start() : s.length();
            if (password != null) {
                out.context(CONTEXT);
                ids.bind(new Span(start, Math.max(start, end)));
                out.literal(AnalyzerRule.FETCHMAILRC, Category.PASSWORD, "poll " + host.text(), password.text(),
                        password.span());
            }
        }
    }
}
