package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.CredentialKeys;
import dev.sprawl.analyze.Tree;
import dev.sprawl.classify.Identity;

/**
 * DBeaver's {@code data-sources.json} (and {@code data-sources-N.json}): each entry of
 * {@code connections} whose {@code configuration} holds a {@code password} (or any credential-named
 * key, also in {@code auth-properties}). Identity: {@code user}, {@code host} (with {@code port}) or
 * the host of {@code url}, {@code database} (account). DBeaver 6.1.3+ keeps passwords in the
 * encrypted binary {@code credentials-config.json} instead, which the scan skips as binary.
 */
public final class DbeaverJsonAnalyzer extends TreeFile {

    @Override
    public String id() {
        return "dbeaver-json";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.startsWith("data-sources") && fileName.endsWith(".json") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("\"connections\"");
    }

    @Override
    boolean document(Tree.Mapping root, AnalyzerOutput out) {
        if (!(root.get("connections") instanceof Tree.Mapping conns)) {
            return false;
        }
        for (Tree.Entry e : conns.entries()) {
            if (!(e.value() instanceof Tree.Mapping c) || !(c.get("configuration") instanceof Tree.Mapping cfg)) {
                continue;
            }
            Ids ids = new Ids(out).add(Identity.USER, text(cfg, "user"), at(cfg, "user"));
            String host = text(cfg, "host");
            String port = text(cfg, "port");
            if (host != null) {
                ids.add(Identity.HOST, port == null || port.isEmpty() ? host : host + ":" + port, at(cfg, "host"));
            } else if (text(cfg, "url") != null) {
                ids.host(text(cfg, "url").replaceFirst("^jdbc:", ""), at(cfg, "url"));
            }
            ids.add(Identity.ACCOUNT, text(cfg, "database"), at(cfg, "database"));
            ids.bind(c.span());
            String name = text(c, "name");
            out.scope(c.span(), "connection " + (name != null ? name : e.key()), null);
            String path = "connections." + e.key() + ".configuration";
            for (Tree.Entry f : cfg.entries()) {
                if (f.key() != null && !f.key().equals("user")) {
                    out.credential(AnalyzerRule.DBEAVER, f.key(), path + "." + f.key(), f.value());
                }
            }
            if (cfg.get("auth-properties") instanceof Tree.Mapping ap) {
                for (Tree.Entry f : ap.entries()) {
                    if (f.key() != null && CredentialKeys.categoryOf(f.key()) != null) {
                        out.credential(AnalyzerRule.DBEAVER, f.key(), path + ".auth-properties." + f.key(), f.value());
                    }
                }
            }
        }
        return true;
    }
}
