package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;

/**
 * DBeaver's legacy {@code .dbeaver-data-sources.xml} / {@code data-sources.xml}: each
 * {@code <data-source>}'s {@code <connection password="…">}; identity its {@code user}, its
 * {@code host} (with port) or {@code url} host, and its {@code database} (account).
 */
public final class DbeaverXmlAnalyzer extends XmlFile {

    @Override
    public String id() {
        return "dbeaver-xml";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.endsWith("data-sources.xml") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("<data-source") && content.contains("password");
    }

    @Override
    void root(Xml.Element root, AnalyzerInput in, AnalyzerOutput out) {
        for (Xml.Element ds : root.all("data-source")) {
            Xml.Element c = ds.child("connection");
            if (c == null || c.attribute("password") == null) {
                continue;
            }
            Ids ids = new Ids(out).add(Identity.USER, c.attribute("user"), c.start);
            String host = c.attribute("host");
            if (host != null) {
                String port = c.attribute("port");
                ids.add(Identity.HOST, port == null || port.isEmpty() ? host : host + ":" + port, c.start);
            } else if (c.attribute("url") != null) {
                ids.host(c.attribute("url").replaceFirst("^jdbc:", ""), c.start);
            }
            ids.add(Identity.ACCOUNT, c.attribute("database"), c.start);
            ids.bind(ds.extent());
            String name = ds.attribute("name") != null ? ds.attribute("name") : ds.attribute("id");
            if (name != null) {
                out.scope(ds.extent(), "data-source " + name, null);
            }
            out.literal(AnalyzerRule.DBEAVER, Category.PASSWORD, "data-source.connection.password", c.attribute("password"),
                    c.extent());
        }
    }
}
