package dev.sprawl.analyze.k8s;

import dev.sprawl.analyze.Analyzer;
import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.OwnerKeys;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import dev.sprawl.analyze.Variables;
import java.util.ArrayList;
import java.util.List;

/**
 * Kustomize ({@code kustomization.yaml}): credential-named {@code NAME=value} literals of
 * {@code secretGenerator} and {@code configMapGenerator} entries ({@code kustomize-generator-literal}),
 * each generator a scope ({@code resource: secretGenerator/NAME}). Owner-like keys in
 * {@code commonLabels}, {@code commonAnnotations} or {@code labels[].pairs} name the owner of the
 * whole file ({@code source: k8s-label}). Context: {@code k8s}.
 */
public final class KustomizeAnalyzer implements Analyzer {

    @Override
    public String id() {
        return "kustomize";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.equals("kustomization.yaml") || fileName.equals("kustomization.yml")
                || fileName.equals("kustomization") ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        for (Tree doc : in.yaml()) {
            if (!(doc instanceof Tree.Mapping root)) {
                continue;
            }
            out.context("k8s");
            List<OwnerKeys.Tag> tags = new ArrayList<>();
            tags.addAll(KubernetesAnalyzer.tags(root.get("commonLabels")));
            tags.addAll(KubernetesAnalyzer.tags(root.get("commonAnnotations")));
            if (root.get("labels") instanceof Tree.Sequence labels) {
                for (Tree l : labels.items()) {
                    if (l instanceof Tree.Mapping lm) {
                        tags.addAll(KubernetesAnalyzer.tags(lm.get("pairs")));
                    }
                }
            }
            out.scope(root.span(), null, OwnerKeys.owner(tags, "k8s-label", in.path(), in.text()));
            for (String generator : new String[] {"secretGenerator", "configMapGenerator"}) {
                if (!(root.get(generator) instanceof Tree.Sequence gens)) {
                    continue;
                }
                for (int i = 0; i < gens.items().size(); i++) {
                    if (!(gens.items().get(i) instanceof Tree.Mapping g)) {
                        continue;
                    }
                    String name = g.text("name");
                    out.scope(g.span(), generator + "/" + (name == null ? String.valueOf(i) : name), null);
                    if (g.get("literals") != null) {
                        Variables.block(AnalyzerRule.KUSTOMIZE_LITERAL, g.get("literals"),
                                TreeWalk.child(TreeWalk.item(generator, i), "literals"), out);
                    }
                }
            }
        }
    }
}
