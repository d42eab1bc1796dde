package dev.sprawl.analyze.ci;

import dev.sprawl.analyze.Analyzer;
import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.CredentialKeys;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import dev.sprawl.analyze.Variables;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shared walk of YAML CI pipelines: wherever a key of {@link #variableBlocks()} appears
 * ({@code env}, {@code variables}, {@code environment}...), its variables are checked — as a mapping
 * ({@code NAME: value}, {@code NAME: {value: ...}}), a list of {@code NAME=value} strings or of
 * {@code {name, value}} mappings, nested lists and mappings — and a literal under a credential's name
 * is reported. Every scalar is searched for the flavour's reference syntax ({@link #references()}).
 * Context: {@code ci}.
 */
abstract class CiYamlAnalyzer implements Analyzer {

    /**
     * A reference syntax: the first group that matched is the name.
     *
     * @param hint text every match contains (a cheap test before the regex)
     */
    record Ref(Pattern pattern, String kind, boolean credentialNamesOnly, String hint) {
    }

    /** {@code $NAME} and {@code ${NAME}} shell-style variables. */
    static final Pattern SHELL_VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]{0,127})\\}|([A-Za-z_][A-Za-z0-9_]{0,127}))");

    /** Keys whose value is a block of variables. */
    abstract Set<String> variableBlocks();

    /** Reference syntaxes searched in every scalar. */
    abstract List<Ref> references();

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        List<Tree> docs = in.yaml();
        if (docs.isEmpty()) {
            return;
        }
        out.context("ci");
        for (Tree doc : docs) {
            walk(doc, "", out);
            TreeWalk.scalars(doc, "", (path, s) -> {
                for (Ref r : references()) {
                    if (!s.value().contains(r.hint())) {
                        continue;
                    }
                    TreeWalk.references(out, s, path, r.pattern(), r.kind(),
                            name -> !r.credentialNamesOnly() || CredentialKeys.categoryOf(name) != null);
                }
            });
            special(doc, out);
        }
    }

    /** Flavour-specific structure beyond variable blocks. */
    void special(Tree doc, AnalyzerOutput out) {
    }

    /** Hook for a mapping entry outside variable blocks; return true when handled (not walked further). */
    boolean entry(Tree.Entry e, String path, AnalyzerOutput out) {
        return false;
    }

    private void walk(Tree node, String path, AnalyzerOutput out) {
        if (node instanceof Tree.Mapping m) {
            for (Tree.Entry e : m.entries()) {
                String p = TreeWalk.child(path, e.key());
                if (e.key() != null && variableBlocks().contains(e.key())) {
                    block(e.value(), p, out);
                } else if (!entry(e, p, out)) {
                    walk(e.value(), p, out);
                }
            }
        } else if (node instanceof Tree.Sequence q) {
            for (int i = 0; i < q.items().size(); i++) {
                walk(q.items().get(i), TreeWalk.item(path, i), out);
            }
        }
    }

    /** A block of variables in any of the shapes pipelines use. */
    void block(Tree node, String path, AnalyzerOutput out) {
        Variables.block(rule(), node, path, out);
    }

    AnalyzerRule rule() {
        return AnalyzerRule.CI_LITERAL;
    }

    static boolean isYaml(String fileName) {
        return fileName.endsWith(".yml") || fileName.endsWith(".yaml");
    }
}
