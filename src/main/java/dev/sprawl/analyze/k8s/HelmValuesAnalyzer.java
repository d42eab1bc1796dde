package dev.sprawl.analyze.k8s;

import dev.sprawl.analyze.Analyzer;
import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.OwnerKeys;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import java.util.ArrayList;
import java.util.List;

/**
 * Helm values files ({@code values*.yaml}, {@code values*.yml}): literals under credential keys at
 * any depth ({@code helm-values-credential}) and in container {@code env} lists. References:
 * {@code existingSecret} / {@code existingSecretName} ({@code helm-existing-secret}) and the
 * Kubernetes references ({@code secretKeyRef}...) values carry into templates. Owner-like keys in
 * top-level {@code commonLabels}, {@code labels}, {@code podLabels} or their annotations name the
 * owner of everything in the file ({@code source: k8s-label}). Context: {@code k8s}.
 */
public final class HelmValuesAnalyzer implements Analyzer {

    private static final String[] LABEL_BLOCKS = {"commonLabels", "labels", "podLabels", "commonAnnotations",
        "annotations", "podAnnotations"};

    @Override
    public String id() {
        return "helm-values";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.startsWith("values") && (fileName.endsWith(".yaml") || fileName.endsWith(".yml"))
                ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        if (in.text().content().contains("{{")) {
            // a template rather than values: not YAML until rendered
            return;
        }
        for (Tree doc : in.yaml()) {
            if (!(doc instanceof Tree.Mapping root)) {
                continue;
            }
            out.context("k8s");
            List<OwnerKeys.Tag> tags = new ArrayList<>();
            for (String block : LABEL_BLOCKS) {
                tags.addAll(KubernetesAnalyzer.tags(root.get(block)));
            }
            out.scope(root.span(), null, OwnerKeys.owner(tags, "k8s-label", in.path(), in.text()));
            values(root, "", out);
            KubernetesAnalyzer.workload(root, "", AnalyzerRule.HELM_VALUES_CREDENTIAL, out);
        }
    }

    private static void values(Tree node, String path, AnalyzerOutput out) {
        if (node instanceof Tree.Mapping m) {
            for (Tree.Entry e : m.entries()) {
                String p = TreeWalk.child(path, e.key());
                if (isExistingSecret(e.key())) {
                    if (e.value() instanceof Tree.Scalar s && s.kind() == Tree.Kind.STRING) {
                        out.reference("helm-existing-secret", s.value(), s.span(), p);
                    }
                } else if (!out.credential(AnalyzerRule.HELM_VALUES_CREDENTIAL, e.key(), p, e.value())
                        || !(e.value() instanceof Tree.Scalar)) {
                    values(e.value(), p, out);
                }
            }
        } else if (node instanceof Tree.Sequence q) {
            for (int i = 0; i < q.items().size(); i++) {
                values(q.items().get(i), TreeWalk.item(path, i), out);
            }
        }
    }

    /** {@code existingSecret}, {@code existingSecretName}, {@code existing_secret}... */
    static boolean isExistingSecret(String key) {
        if (key == null) {
            return false;
        }
        String k = key.toLowerCase(java.util.Locale.ROOT).replace("_", "").replace("-", "");
        return k.equals("existingsecret") || k.equals("existingsecretname");
    }
}
