package dev.sprawl.analyze.iac;

import dev.sprawl.analyze.Analyzer;
import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.CredentialKeys;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import dev.sprawl.rules.Category;

/**
 * Pulumi stack and project configuration ({@code Pulumi.yaml}, {@code Pulumi.<stack>.yaml}): a
 * plain value under a credential-named config key ({@code aws:secretKey}, {@code app:dbPassword},
 * nested objects too) is a plaintext secret ({@code pulumi-plaintext-config}); a {@code secure:}
 * value is encrypted by Pulumi and not a leak. A project config entry with {@code secret: true} and a
 * literal {@code default}/{@code value} is reported whatever its name. Context: {@code iac}.
 */
public final class PulumiConfigAnalyzer implements Analyzer {

    @Override
    public String id() {
        return "pulumi";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.startsWith("pulumi.") && (fileName.endsWith(".yaml") || fileName.endsWith(".yml"))
                ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        out.context("iac");
        for (Tree doc : in.yaml()) {
            if (doc instanceof Tree.Mapping root && root.get("config") instanceof Tree.Mapping config) {
                for (Tree.Entry e : config.entries()) {
                    if (e.key() != null) {
                        entry(e.key().substring(e.key().lastIndexOf(':') + 1), e.value(),
                                TreeWalk.child("config", e.key()), out);
                    }
                }
            }
        }
    }

    private static void entry(String name, Tree value, String path, AnalyzerOutput out) {
        if (value instanceof Tree.Scalar) {
            out.credential(AnalyzerRule.PULUMI_PLAINTEXT, name, path, value);
        } else if (value instanceof Tree.Mapping m) {
            if (m.get("secure") != null) {
                out.nonLiteral(m.span());
                return;
            }
            boolean secret = m.get("secret") instanceof Tree.Scalar s && s.value().equals("true");
            for (String field : new String[] {"default", "value"}) {
                if (m.get(field) instanceof Tree.Scalar v) {
                    Category c = CredentialKeys.categoryOf(name);
                    if (c == null && secret) {
                        c = Category.GENERIC_SECRET;
                    }
                    if (c != null) {
                        out.literal(AnalyzerRule.PULUMI_PLAINTEXT, c, TreeWalk.child(path, field), v);
                    }
                    return;
                }
            }
            for (Tree.Entry e : m.entries()) {
                entry(e.key(), e.value(), TreeWalk.child(path, e.key()), out);
            }
        } else if (value instanceof Tree.Sequence q) {
            for (int i = 0; i < q.items().size(); i++) {
                entry(name, q.items().get(i), TreeWalk.item(path, i), out);
            }
        }
    }
}
