package dev.sprawl.analyze.ci;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import java.util.List;
import java.util.Set;

/**
 * Drone and Woodpecker ({@code .drone.yml}, {@code .woodpecker.yml}, {@code .woodpecker/*.yml},
 * multi-document): literals in step {@code environment} and plugin {@code settings}. References:
 * {@code from_secret: NAME} and {@code image_pull_secrets} ({@code drone-secret}), and
 * credential-named {@code $NAME} variables ({@code drone-variable}).
 */
public final class DroneAnalyzer extends CiYamlAnalyzer {

    private static final List<Ref> REFS = List.of(new Ref(SHELL_VARIABLE, "drone-variable", true, "$"));

    @Override
    public String id() {
        return "drone";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (fileName.equals(".drone.yml") || fileName.equals(".drone.yaml") || fileName.equals(".woodpecker.yml")
                || fileName.equals(".woodpecker.yaml")) {
            return Fit.NAME;
        }
        return isYaml(fileName) && (path.startsWith(".woodpecker/") || path.contains("/.woodpecker/")) ? Fit.NAME : Fit.NO;
    }

    @Override
    Set<String> variableBlocks() {
        return Set.of("environment", "settings");
    }

    @Override
    List<Ref> references() {
        return REFS;
    }

    @Override
    void special(Tree doc, AnalyzerOutput out) {
        fromSecrets(doc, "", out);
    }

    private static void fromSecrets(Tree node, String path, AnalyzerOutput out) {
        if (node instanceof Tree.Mapping m) {
            for (Tree.Entry e : m.entries()) {
                String p = TreeWalk.child(path, e.key());
                if ("from_secret".equals(e.key()) && e.value() instanceof Tree.Scalar s) {
                    out.reference("drone-secret", s.value(), s.span(), path);
                } else if ("image_pull_secrets".equals(e.key()) && e.value() instanceof Tree.Sequence q) {
                    for (int i = 0; i < q.items().size(); i++) {
                        if (q.items().get(i) instanceof Tree.Scalar s) {
                            out.reference("drone-secret", s.value(), s.span(), TreeWalk.item(p, i));
                        }
                    }
                } else {
                    fromSecrets(e.value(), p, out);
                }
            }
        } else if (node instanceof Tree.Sequence q) {
            for (int i = 0; i < q.items().size(); i++) {
                fromSecrets(q.items().get(i), TreeWalk.item(path, i), out);
            }
        }
    }
}
