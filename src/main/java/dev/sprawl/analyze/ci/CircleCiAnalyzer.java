package dev.sprawl.analyze.ci;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import java.util.List;
import java.util.Set;

/**
 * CircleCI ({@code .circleci/config.yml}): literals in {@code environment} (job, step, executor and
 * image level) and image {@code auth}. References: credential-named {@code $NAME} variables
 * ({@code circleci-variable}) and the {@code context}s a workflow job uses ({@code circleci-context}).
 */
public final class CircleCiAnalyzer extends CiYamlAnalyzer {

    private static final List<Ref> REFS = List.of(new Ref(SHELL_VARIABLE, "circleci-variable", true, "$"));

    @Override
    public String id() {
        return "circleci";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return isYaml(fileName) && (path.startsWith(".circleci/") || path.contains("/.circleci/")) ? Fit.NAME : Fit.NO;
    }

    @Override
    Set<String> variableBlocks() {
        return Set.of("environment", "auth");
    }

    @Override
    List<Ref> references() {
        return REFS;
    }

    @Override
    boolean entry(Tree.Entry e, String path, AnalyzerOutput out) {
        if (!"context".equals(e.key())) {
            return false;
        }
        if (e.value() instanceof Tree.Scalar s) {
            out.reference("circleci-context", s.value(), s.span(), path);
        } else if (e.value() instanceof Tree.Sequence q) {
            for (int i = 0; i < q.items().size(); i++) {
                if (q.items().get(i) instanceof Tree.Scalar s) {
                    out.reference("circleci-context", s.value(), s.span(), TreeWalk.item(path, i));
                }
            }
        }
        return true;
    }
}
