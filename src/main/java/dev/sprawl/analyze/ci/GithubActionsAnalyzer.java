package dev.sprawl.analyze.ci;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GitHub Actions workflows ({@code .github/workflows/*.yml}) and action metadata ({@code action.yml}):
 * literals in {@code env} (workflow, job, step, container and service level), {@code with},
 * {@code secrets} passed to reusable workflows, {@code credentials} of containers and services, and
 * credential-named {@code inputs} defaults. References: {@code secrets.NAME} and
 * {@code secrets['NAME']} wherever they appear ({@code github-actions-secret}).
 */
public final class GithubActionsAnalyzer extends CiYamlAnalyzer {

    private static final List<Ref> REFS = List.of(new Ref(Pattern.compile(
            "\\bsecrets\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_-]{0,127})|\\[\\s*'([^']{1,128})'\\s*\\]|\\[\\s*\"([^\"]{1,128})\"\\s*\\])"),
            "github-actions-secret", false, "secrets"));

    @Override
    public String id() {
        return "github-actions";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (!isYaml(fileName)) {
            return Fit.NO;
        }
        if (path.startsWith(".github/workflows/") || path.contains("/.github/workflows/")
                || fileName.equals("action.yml") || fileName.equals("action.yaml")) {
            return Fit.NAME;
        }
        return Fit.NO;
    }

    @Override
    Set<String> variableBlocks() {
        return Set.of("env", "with", "credentials");
    }

    @Override
    List<Ref> references() {
        return REFS;
    }

    @Override
    boolean entry(Tree.Entry e, String path, AnalyzerOutput out) {
        if ("secrets".equals(e.key()) && e.value() instanceof Tree.Mapping m) {
            block(m, path, out);
            return true;
        }
        if ("inputs".equals(e.key()) && e.value() instanceof Tree.Mapping inputs) {
            for (Tree.Entry input : inputs.entries()) {
                if (input.value() instanceof Tree.Mapping def && def.get("default") != null) {
                    out.credential(rule(), input.key(), TreeWalk.child(TreeWalk.child(path, input.key()), "default"),
                            def.get("default"));
                }
            }
            return true;
        }
        return false;
    }
}
