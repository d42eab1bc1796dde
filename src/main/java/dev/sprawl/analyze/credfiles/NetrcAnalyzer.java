package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import java.util.List;

/**
 * {@code .netrc} / {@code _netrc} (ftp, curl, git, heroku, pip...): {@code machine NAME} and
 * {@code default} entries with {@code login}, {@code password}, {@code account}, {@code port}, in
 * any layout (one line or many); {@code macdef} bodies are skipped up to the next empty line. The
 * password is the secret; the machine (host), login (user) and account (account) of the same entry
 * are its identity. An anonymous FTP entry ({@code login anonymous} or {@code ftp}) is accepted with
 * any password: an e-mail address there is the convention (RFC 1635), not a secret, and anything else is
 * reported {@code low}. A file not named so is read when its tokens say netrc ({@code machine} ...
 * {@code password}).
 */
public final class NetrcAnalyzer extends CredentialFile {

    @Override
    public String id() {
        return "netrc";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".netrc") || fileName.equals("_netrc") || fileName.equals("netrc")
                || fileName.endsWith(".netrc") ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        if (!s.contains("password")) {
            return;
        }
        List<Tokens.Token> t = Tokens.of(s);
        boolean any = false;
        int i = 0;
        while (i < t.size()) {
            String w = t.get(i).text();
            if (!w.equals("machine") && !w.equals("default")) {
                if (w.equals("macdef")) {
                    int from = t.get(i).span().start();
                    i = skipMacro(t, i, s);
                    int to = i < t.size() ? t.get(i).span().start() : s.length();
                    out.nonLiteral(new Span(from, to)); // a macro's commands, not credentials
                } else {
                    i++;
                }
                continue;
            }
            int start = t.get(i).span().start();
            Ids ids = new Ids(out);
            String key;
            if (w.equals("machine") && i + 1 < t.size()) {
                ids.add(Identity.HOST, t.get(i + 1).text(), t.get(i + 1).span().start());
                key = "machine " + t.get(i + 1).text();
                i += 2;
            } else {
                key = "default";
                i++;
            }
            Tokens.Token password = null;
            String login = null;
            while (i < t.size()) {
                String f = t.get(i).text();
                if (f.equals("machine") || f.equals("default") || f.equals("macdef")) {
                    break;
                }
                if (i + 1 < t.size()) {
                    Tokens.Token v = t.get(i + 1);
                    switch (f) {
                        case "login" -> {
                            ids.add(Identity.USER, v.text(), v.span().start());
                            login = v.text();
                        }
                        case "account" -> ids.add(Identity.ACCOUNT, v.text(), v.span().start());
                        case "password" -> password = v;
                        default -> {
                            i++;
                            continue;
                        }
                    }
                    i += 2;
                } else {
                    i++;
                }
            }
            int end = i < t.size() ? t.get(i).span().start() : s.length();
            if (password != null && anonymous(login) && isEmailAddress(password.text())) {
                any = true;
                out.declined(password.span()); // anonymous FTP: the password slot holds the user's e-mail address
            } else if (password != null) {
                any = true;
                out.context(CONTEXT);
                ids.bind(new Span(start, Math.max(start, end)));
                out.scope(new Span(start, Math.max(start, end)), key, null);
                if (anonymous(login)) {
                    // an anonymous login is accepted with any password: whatever is written is weak evidence
                    out.stated(AnalyzerRule.NETRC, Category.PASSWORD, key + ".password", password.text(), password.span(),
                            Confidence.LOW, java.util.Map.of());
                } else {
                    out.literal(AnalyzerRule.NETRC, Category.PASSWORD, key + ".password", password.text(), password.span());
                }
            }
        }
        if (!any && fit(in.path(), in.fileName()) == Fit.NAME && !s.contains("machine") && !s.contains("default")) {
            out.warning("credential-file-malformed", "netrc: no machine or default entry; the text was still scanned");
        }
    }

    /** The logins of anonymous FTP (RFC 1635), which servers accept with any password. */
    static boolean anonymous(String login) {
        return login != null && (login.equalsIgnoreCase("anonymous") || login.equalsIgnoreCase("ftp"));
    }

    /** {@code local@domain.tld} with nothing else: what anonymous FTP asks for in the password slot. */
    static boolean isEmailAddress(String v) {
        int at = v.indexOf('@');
        if (at <= 0 || at != v.lastIndexOf('@') || v.length() > 254) {
            return false;
        }
        String domain = v.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        if (dot <= 0 || dot >= domain.length() - 2) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '+' || c == '@')) {
                return false;
            }
        }
        return true;
    }

    private static int skipMacro(List<Tokens.Token> t, int i, String s) {
        int end = Tokens.afterBlankLine(s, t.get(i).span().end());
        int j = i + 1;
        while (j < t.size() && t.get(j).span().start() < end) {
            j++;
        }
        return j;
    }
}
