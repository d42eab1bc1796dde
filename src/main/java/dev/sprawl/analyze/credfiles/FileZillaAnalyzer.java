package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import java.util.Base64;
import java.util.Map;

/**
 * FileZilla's {@code recentservers.xml}, {@code sitemanager.xml} and {@code filezilla.xml}: every
 * {@code <Server>} element (in folders too). {@code <Pass encoding="base64">} is decoded and
 * reported (as FileZilla documents it, base64 is an encoding, not a protection); a plain
 * {@code <Pass>} as written; {@code encoding="crypt"} (protected by a master password) is reported
 * {@code low} with {@code attributes.encrypted: true}. Identity: {@code Host} (with {@code Port}),
 * {@code User}, {@code Account}. Resource: the site's {@code Name}.
 */
public final class FileZillaAnalyzer extends XmlFile {

    @Override
    public String id() {
        return "filezilla";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals("recentservers.xml") || fileName.equals("sitemanager.xml") || fileName.equals("filezilla.xml")
                ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("<Server") && content.contains("<Pass");
    }

    @Override
    void root(Xml.Element root, AnalyzerInput in, AnalyzerOutput out) {
        for (Xml.Element server : root.all("Server")) {
            Xml.Element pass = server.child("Pass");
            if (pass == null) {
                continue;
            }
            Ids ids = new Ids(out);
            Xml.Element host = server.child("Host");
            if (host != null) {
                String port = server.childText("Port");
                ids.add(Identity.HOST, port == null || port.isEmpty() ? host.text() : host.text() + ":" + port, host.start);
            }
            Xml.Element user = server.child("User");
            if (user != null) {
                ids.add(Identity.USER, user.text(), user.start);
            }
            Xml.Element account = server.child("Account");
            if (account != null) {
                ids.add(Identity.ACCOUNT, account.text(), account.start);
            }
            ids.bind(server.extent());
            String name = server.childText("Name");
            if (name != null && !name.isEmpty()) {
                out.scope(server.extent(), "site " + name, null);
            }
            String encoding = pass.attribute("encoding");
            String key = "Server.Pass";
            if ("base64".equalsIgnoreCase(encoding)) {
                try {
                    byte[] plain = Base64.getMimeDecoder().decode(pass.text());
                    if (plain.length > 0) {
                        out.decoded(AnalyzerRule.FILEZILLA, Category.PASSWORD, key, plain, pass.valueSpan(), "base64");
                    }
                } catch (IllegalArgumentException e) {
                    out.literal(AnalyzerRule.FILEZILLA, Category.PASSWORD, key, pass.text(), pass.valueSpan());
                }
            } else if ("crypt".equalsIgnoreCase(encoding)) {
                out.stated(AnalyzerRule.FILEZILLA, Category.PASSWORD, key, pass.text(), pass.valueSpan(), Confidence.LOW,
                        Map.of("encrypted", "true"));
            } else {
                out.literal(AnalyzerRule.FILEZILLA, Category.PASSWORD, key, pass.text(), pass.valueSpan());
            }
        }
    }
}
