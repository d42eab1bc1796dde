package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import java.util.Map;

/**
 * Maven {@code settings.xml} ({@code ~/.m2/settings.xml}, {@code conf/settings.xml}, CI copies):
 * each {@code <servers><server>}'s {@code password} and {@code passphrase}, and each
 * {@code <proxy>}'s {@code password}. Identity: {@code username} (user) and the server {@code id}
 * (host: the repository the credential is for) or the proxy's {@code host}. A value in braces
 * ({@code {…}}) is encrypted with the master password: reported {@code low},
 * {@code attributes.encrypted: true}. {@code settings-security.xml}: the {@code <master>} password
 * (itself encrypted with a fixed, public passphrase) is reported {@code low} the same way.
 */
public final class MavenSettingsAnalyzer extends XmlFile {

    /** Maven's encrypted form: base64 in braces, optionally after a free-text note. */
    private static final java.util.regex.Pattern ENCRYPTED = java.util.regex.Pattern.compile(
            "(?s)[^{}]{0,500}\\{[A-Za-z0-9+/=]{8,1000}\\}");

    @Override
    public String id() {
        return "maven-settings";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (!fileName.endsWith("settings.xml") && !fileName.equals("settings-security.xml")) {
            return Fit.NO;
        }
        if (endsWith(path, ".m2/settings.xml") || fileName.equals("settings-security.xml")) {
            return Fit.NAME;
        }
        return fileName.endsWith("settings.xml") ? Fit.CONTENT : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("<settings") && (content.contains("<password") || content.contains("<passphrase"))
                || content.contains("<settingsSecurity");
    }

    @Override
    void root(Xml.Element root, AnalyzerInput in, AnalyzerOutput out) {
        if (root.name.equals("settingsSecurity")) {
            Xml.Element master = root.child("master");
            if (master != null) {
                report(master, "settingsSecurity.master", Category.PASSWORD, out);
            }
            return;
        }
        for (String kind : new String[] {"server", "proxy"}) {
            for (Xml.Element e : root.all(kind)) {
                Ids ids = new Ids(out);
                Xml.Element user = e.child("username");
                if (user != null) {
                    ids.add(Identity.USER, user.text(), user.start);
                }
                Xml.Element where = kind.equals("server") ? e.child("id") : e.child("host");
                if (where != null) {
                    ids.add(Identity.HOST, where.text(), where.start);
                    out.scope(e.extent(), kind + " " + where.text(), null);
                }
                ids.bind(e.extent());
                for (String field : new String[] {"password", "passphrase"}) {
                    Xml.Element v = e.child(field);
                    if (v != null) {
                        report(v, kind + "." + field, Category.PASSWORD, out);
                    }
                }
            }
        }
    }

    private static void report(Xml.Element v, String key, Category c, AnalyzerOutput out) {
        String text = v.text();
        if (ENCRYPTED.matcher(text).matches()) {
            out.stated(AnalyzerRule.MAVEN_SETTINGS, c, key, text, v.valueSpan(), Confidence.LOW, Map.of("encrypted", "true"));
        } else {
            out.literal(AnalyzerRule.MAVEN_SETTINGS, c, key, text, v.valueSpan());
        }
    }
}
