package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Tree;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import java.util.Map;

/**
 * Firefox's saved logins ({@code logins.json}, {@code logins-backup.json}): each login's
 * {@code encryptedPassword} is NSS-encrypted with the key in the profile's {@code key4.db}. It is
 * reported {@code medium} with {@code attributes.encrypted: nss}: most profiles have no primary
 * password, so anyone holding the profile folder (which carries key4.db beside logins.json) can
 * decrypt it — it is a credential in transit, not a ciphertext at rest. The encrypted user name is
 * not an identity (it cannot be read); identity: {@code hostname} (host). The fingerprint is that of
 * the ciphertext.
 */
public final class FirefoxLoginsAnalyzer extends TreeFile {

    @Override
    public String id() {
        return "firefox-logins";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals("logins.json") || fileName.equals("logins-backup.json") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("encryptedPassword");
    }

    @Override
    boolean document(Tree.Mapping root, AnalyzerOutput out) {
        if (!(root.get("logins") instanceof Tree.Sequence logins)) {
            return false;
        }
        for (int i = 0; i < logins.items().size(); i++) {
            if (!(logins.items().get(i) instanceof Tree.Mapping l) || !(l.get("encryptedPassword") instanceof Tree.Scalar p)) {
                continue;
            }
            new Ids(out).host(text(l, "hostname"), at(l, "hostname")).bind(l.span());
            out.stated(AnalyzerRule.FIREFOX_LOGINS, Category.PASSWORD, "logins[" + i + "].encryptedPassword", p.value(),
                    p.span(), Confidence.MEDIUM, Map.of("encrypted", "nss"));
        }
        return true;
    }
}
