package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code NuGet.Config}: {@code <packageSourceCredentials>} holds one element per source (its name,
 * spaces written {@code _x0020_}) with {@code <add key="Username|ClearTextPassword|Password" value=…>}.
 * {@code ClearTextPassword} is reported as a literal; {@code Password} is DPAPI-encrypted (usable only
 * by the same Windows user): {@code low}, {@code attributes.encrypted: true}; {@code <apikeys>}
 * values likewise. Identity: the {@code Username} and the host of the source's URL from
 * {@code <packageSources>}.
 */
public final class NugetConfigAnalyzer extends XmlFile {

    @Override
    public String id() {
        return "nuget-config";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals("nuget.config") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("packageSourceCredentials") || content.contains("apikeys");
    }

    @Override
    void root(Xml.Element root, AnalyzerInput in, AnalyzerOutput out) {
        Map<String, String> urls = new HashMap<>();
        for (Xml.Element sources : root.all("packageSources")) {
            for (Xml.Element add : sources.children) {
                if (add.name.equals("add") && add.attribute("key") != null && add.attribute("value") != null) {
                    urls.put(add.attribute("key"), add.attribute("value"));
                }
            }
        }
        for (Xml.Element creds : root.all("packageSourceCredentials")) {
            for (Xml.Element source : creds.children) {
                String name = source.name.replace("_x0020_", " ");
                Ids ids = new Ids(out);
                String url = urls.get(name);
                if (url != null) {
                    ids.host(url, source.start);
                }
                for (Xml.Element add : source.children) {
                    if ("Username".equalsIgnoreCase(add.attribute("key"))) {
                        ids.add(Identity.USER, add.attribute("value"), add.start);
                    }
                }
                ids.bind(source.extent());
                out.scope(source.extent(), "source " + name, null);
                for (Xml.Element add : source.children) {
                    String key = add.attribute("key");
                    String value = add.attribute("value");
                    if (value == null || key == null) {
                        continue;
                    }
                    if (key.equalsIgnoreCase("ClearTextPassword")) {
                        out.literal(AnalyzerRule.NUGET_CONFIG, Category.PASSWORD, name + ".ClearTextPassword", value, add.extent());
                    } else if (key.equalsIgnoreCase("Password")) {
                        out.stated(AnalyzerRule.NUGET_CONFIG, Category.PASSWORD, name + ".Password", value, add.extent(),
                                Confidence.LOW, Map.of("encrypted", "true"));
                    }
                }
            }
        }
        for (Xml.Element keys : root.all("apikeys")) {
            for (Xml.Element add : keys.children) {
                if (add.attribute("key") != null && add.attribute("value") != null) {
                    new Ids(out).host(add.attribute("key"), add.start).bind(add.extent());
                    out.stated(AnalyzerRule.NUGET_CONFIG, Category.API_KEY, "apikeys", add.attribute("value"), add.extent(),
                            Confidence.LOW, Map.of("encrypted", "true"));
                }
            }
        }
    }
}
