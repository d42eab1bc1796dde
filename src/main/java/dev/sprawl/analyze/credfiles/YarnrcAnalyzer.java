package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Tree;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;

/**
 * Yarn 2+'s {@code .yarnrc.yml}: {@code npmAuthToken} (token) and {@code npmAuthIdent}
 * ({@code user:password}: the password is reported, the user is an identity) at the top level
 * (host: {@code npmRegistryServer}, else registry.yarnpkg.com), under {@code npmRegistries.URL}
 * (host from the URL) and under {@code npmScopes.SCOPE} (host: the scope's
 * {@code npmRegistryServer}, else the top-level one).
 */
public final class YarnrcAnalyzer extends TreeFile {

    @Override
    public String id() {
        return "yarnrc";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals(".yarnrc.yml") || fileName.equals(".yarnrc.yaml") ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("npmAuth");
    }

    @Override
    boolean document(Tree.Mapping root, AnalyzerOutput out) {
        String server = text(root, "npmRegistryServer");
        String top = server == null ? "registry.yarnpkg.com" : server;
        block(root, top, "", out);
        if (root.get("npmRegistries") instanceof Tree.Mapping regs) {
            for (Tree.Entry e : regs.entries()) {
                if (e.value() instanceof Tree.Mapping m) {
                    block(m, e.key(), "npmRegistries." + e.key() + ".", out);
                }
            }
        }
        if (root.get("npmScopes") instanceof Tree.Mapping scopes) {
            for (Tree.Entry e : scopes.entries()) {
                if (e.value() instanceof Tree.Mapping m) {
                    String s = text(m, "npmRegistryServer");
                    block(m, s == null ? top : s, "npmScopes." + e.key() + ".", out);
                }
            }
        }
        return true;
    }

    private static void block(Tree.Mapping m, String host, String path, AnalyzerOutput out) {
        Tree token = m.get("npmAuthToken");
        Tree ident = m.get("npmAuthIdent");
        if (token == null && ident == null) {
            return;
        }
        Ids ids = new Ids(out).host(host, m.get("npmRegistryServer") != null ? at(m, "npmRegistryServer") : m.span().start());
        if (token instanceof Tree.Scalar t) {
            out.literal(AnalyzerRule.YARNRC, Category.TOKEN, path + "npmAuthToken", t);
        }
        if (ident instanceof Tree.Scalar i) {
            int c = i.value().indexOf(':');
            if (c > 0) {
                ids.add(Identity.USER, i.value().substring(0, c), i.span().start());
                out.literal(AnalyzerRule.YARNRC, Category.PASSWORD, path + "npmAuthIdent", i.value().substring(c + 1), i.span());
            }
        }
        ids.bind(m.span());
    }
}
