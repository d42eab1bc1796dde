package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Tree;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;

/**
 * Composer's {@code auth.json} (and the same keys under {@code config} in {@code composer.json}):
 * {@code http-basic.HOST.password} (identity {@code username}), {@code github-oauth.HOST},
 * {@code gitlab-oauth.HOST}, {@code gitlab-token.HOST} (a token, or {@code {username, token}}),
 * {@code bearer.HOST}, {@code bitbucket-oauth.HOST.consumer-secret} (identity {@code consumer-key}:
 * client id). The HOST key is the host identity.
 */
public final class ComposerAuthAnalyzer extends TreeFile {

    @Override
    public String id() {
        return "composer-auth";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (fileName.equals("auth.json") && (path.contains(".composer/") || path.contains("composer/"))) {
            return Fit.NAME;
        }
        return fileName.equals("auth.json") || fileName.equals("composer.json") ? Fit.CONTENT : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("http-basic") || content.contains("github-oauth") || content.contains("gitlab-")
                || content.contains("bearer") || content.contains("bitbucket-oauth");
    }

    @Override
    boolean document(Tree.Mapping root, AnalyzerOutput out) {
        Tree.Mapping auth = root.get("config") instanceof Tree.Mapping cfg ? cfg : root;
        boolean any = false;
        for (String section : new String[] {"http-basic", "github-oauth", "gitlab-oauth", "gitlab-token", "bearer",
            "bitbucket-oauth"}) {
            if (!(auth.get(section) instanceof Tree.Mapping hosts)) {
                continue;
            }
            any = true;
            for (Tree.Entry h : hosts.entries()) {
                if (h.key() == null) {
                    continue;
                }
                String path = section + "." + h.key();
                Ids ids = new Ids(out).add(Identity.HOST, h.key(), h.keySpan().start());
                if (h.value() instanceof Tree.Scalar s) {
                    out.literal(AnalyzerRule.COMPOSER_AUTH, Category.TOKEN, path, s);
                } else if (h.value() instanceof Tree.Mapping m) {
                    ids.add(Identity.USER, text(m, "username"), at(m, "username"))
                            .add(Identity.CLIENT_ID, text(m, "consumer-key"), at(m, "consumer-key"));
                    literal(out, AnalyzerRule.COMPOSER_AUTH, Category.PASSWORD, m, "password", path + ".password");
                    literal(out, AnalyzerRule.COMPOSER_AUTH, Category.TOKEN, m, "token", path + ".token");
                    literal(out, AnalyzerRule.COMPOSER_AUTH, Category.GENERIC_SECRET, m, "consumer-secret",
                            path + ".consumer-secret");
                } else {
                    continue;
                }
                ids.bind(new dev.sprawl.analyze.Span(h.keySpan().start(), h.value().span().end()));
            }
        }
        return any;
    }
}
