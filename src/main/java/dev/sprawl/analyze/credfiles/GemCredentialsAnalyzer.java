package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.analyze.Tree;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;

/**
 * RubyGems' {@code ~/.gem/credentials} (YAML): {@code :rubygems_api_key:} (host rubygems.org) and one
 * key per other gem host ({@code https://rubygems.pkg.github.com/acme: Bearer …}, host from the key),
 * a leading {@code Bearer } removed from the value.
 */
public final class GemCredentialsAnalyzer extends TreeFile {

    @Override
    public String id() {
        return "gem-credentials";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals("credentials") && (endsWith(path, ".gem/credentials") || endsWith(path, "gem/credentials"))
                ? Fit.NAME : Fit.NO;
    }

    @Override
    boolean claims(String content) {
        return content.contains("api_key") || content.contains("://");
    }

    @Override
    boolean document(Tree.Mapping root, AnalyzerOutput out) {
        boolean any = false;
        for (Tree.Entry e : root.entries()) {
            if (e.key() == null || !(e.value() instanceof Tree.Scalar v)) {
                continue;
            }
            String key = e.key().startsWith(":") ? e.key().substring(1) : e.key();
            String host = key.equals("rubygems_api_key") ? "rubygems.org" : key.contains("://") ? Ids.host(key) : null;
            if (host == null && !key.endsWith("api_key")) {
                continue;
            }
            any = true;
            new Ids(out).add(Identity.HOST, host, e.keySpan().start()).bind(new Span(e.keySpan().start(), v.span().end()));
            String value = v.value().startsWith("Bearer ") ? v.value().substring(7) : v.value();
            out.literal(AnalyzerRule.GEM_CREDENTIALS, Category.API_KEY, key, value, v.span());
        }
        return any;
    }
}
