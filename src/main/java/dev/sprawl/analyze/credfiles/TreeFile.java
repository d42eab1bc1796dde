package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Tree;
import dev.sprawl.rules.Category;

/**
 * A JSON or YAML credential file: the content test runs before parsing, then each document is
 * handed to {@link #document}. A parse failure is reported by the structured scan as
 * {@code analysis-parse-error} when the name claims the format.
 */
abstract class TreeFile extends CredentialFile {

    abstract boolean claims(String content);

    /** Reads one document; returns false when it is not this format after all. */
    abstract boolean document(Tree.Mapping root, AnalyzerOutput out);

    /** Reads a document that is a list; returns false when it is not this format. */
    boolean sequence(Tree.Sequence root, AnalyzerOutput out) {
        return false;
    }

    @Override
    public final void analyze(AnalyzerInput in, AnalyzerOutput out) {
        if (!claims(in.text().content())) {
            return;
        }
        for (Tree doc : in.documents()) {
            if (doc instanceof Tree.Mapping m && document(m, out) || doc instanceof Tree.Sequence q && sequence(q, out)) {
                out.context(CONTEXT);
            }
        }
    }

    /** The scalar text under {@code key}, or null. */
    static String text(Tree.Mapping m, String key) {
        return m == null ? null : m.text(key);
    }

    /** The offset where the value of {@code key} is written, or the mapping's start. */
    static int at(Tree.Mapping m, String key) {
        Tree t = m.get(key);
        return t != null ? t.span().start() : m.span().start();
    }

    /** Reports the scalar under {@code key} as a literal credential of {@code category}. */
    static void literal(AnalyzerOutput out, AnalyzerRule rule, Category category, Tree.Mapping m, String key, String path) {
        if (m.get(key) instanceof Tree.Scalar s) {
            out.literal(rule, category, path, s);
        }
    }
}
