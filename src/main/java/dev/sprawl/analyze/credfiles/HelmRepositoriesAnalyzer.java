package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;

/**
 * Helm's {@code repositories.yaml} ({@code ~/.config/helm/repositories.yaml}, written by
 * {@code helm repo add --username --password}): each {@code repositories[]} entry's
 * {@code password}; identity its {@code username} and the host of its {@code url}. Resource:
 * {@code repository NAME}.
 */
public final class HelmRepositoriesAnalyzer extends TreeFile {

    @Override
    public String id() {
        return "helm-repositories";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (!fileName.equals("repositories.yaml")) {
            return Fit.NO;
        }
        if (endsWith(path, "helm/repositories.yaml")) {
            return Fit.NAME;
        }
        return Fit.CONTENT;
    }

    @Override
    boolean claims(String content) {
        return content.contains("repositories") && content.contains("password");
    }

    @Override
    boolean document(Tree.Mapping root, AnalyzerOutput out) {
        if (!(root.get("repositories") instanceof Tree.Sequence repos)) {
            return false;
        }
        for (int i = 0; i < repos.items().size(); i++) {
            if (!(repos.items().get(i) instanceof Tree.Mapping r) || !(r.get("password") instanceof Tree.Scalar)) {
                continue;
            }
            new Ids(out).add(Identity.USER, text(r, "username"), at(r, "username")).host(text(r, "url"), at(r, "url"))
                    .bind(r.span());
            String name = text(r, "name");
            if (name != null) {
                out.scope(r.span(), "repository " + name, null);
            }
            String field = "password";
            literal(out, AnalyzerRule.HELM_REPOSITORIES, Category.PASSWORD, r, field, TreeWalk.child(TreeWalk.item("repositories", i), field));
        }
        return true;
    }
}
