package dev.sprawl.analyze.iac;

import dev.sprawl.analyze.Analyzer;
import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;

/**
 * Ansible variables and playbooks: files under {@code group_vars/}, {@code host_vars/}, a role's
 * {@code vars/} or {@code defaults/}, an {@code ansible/} or {@code playbooks/} folder, or any YAML
 * file using {@code !vault}. A plaintext literal under a credential's name is reported
 * ({@code ansible-plaintext-credential}); a value encrypted with Ansible Vault ({@code !vault |}
 * inline, or a whole file starting {@code $ANSIBLE_VAULT;}) is not a leak, and a generic rule's hit
 * on it is dropped. Jinja expressions ({@code {{ vault_db_password }}}) are references, not literals.
 * Context: {@code iac}.
 */
public final class AnsibleAnalyzer implements Analyzer {

    private static final String VAULT_HEADER = "$ANSIBLE_VAULT;";

    @Override
    public String id() {
        return "ansible";
    }

    @Override
    public Fit fit(String path, String fileName) {
        String p = "/" + path;
        boolean yaml = fileName.endsWith(".yml") || fileName.endsWith(".yaml");
        if (p.contains("/group_vars/") || p.contains("/host_vars/")) {
            return yaml || fileName.indexOf('.') < 0 ? Fit.NAME : Fit.NO;
        }
        if (!yaml) {
            return Fit.NO;
        }
        if (p.contains("/roles/") && (p.contains("/vars/") || p.contains("/defaults/") || p.contains("/tasks/"))
                || p.contains("/ansible/") || p.contains("/playbooks/")) {
            return Fit.NAME;
        }
        return Fit.CONTENT;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        boolean named = fit(in.path(), in.fileName()) == Fit.NAME;
        if (!named && !s.contains("!vault")) {
            return;
        }
        out.context("iac");
        if (s.stripLeading().startsWith(VAULT_HEADER)) {
            out.nonLiteral(new Span(0, s.length()));
            return;
        }
        for (Tree doc : in.yaml()) {
            walk(doc, "", out);
        }
    }

    private static void walk(Tree node, String path, AnalyzerOutput out) {
        if (node instanceof Tree.Mapping m) {
            for (Tree.Entry e : m.entries()) {
                String p = TreeWalk.child(path, e.key());
                if (e.value() instanceof Tree.Scalar v && "!vault".equals(v.tag())) {
                    out.nonLiteral(v.span());
                } else if (!out.credential(AnalyzerRule.ANSIBLE_PLAINTEXT, e.key(), p, e.value())
                        || !(e.value() instanceof Tree.Scalar)) {
                    walk(e.value(), p, out);
                }
            }
        } else if (node instanceof Tree.Sequence q) {
            for (int i = 0; i < q.items().size(); i++) {
                walk(q.items().get(i), TreeWalk.item(path, i), out);
            }
        } else if (node instanceof Tree.Scalar v && "!vault".equals(v.tag())) {
            out.nonLiteral(v.span());
        }
    }
}
