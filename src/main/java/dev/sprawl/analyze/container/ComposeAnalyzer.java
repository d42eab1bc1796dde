package dev.sprawl.analyze.container;

import dev.sprawl.analyze.Analyzer;
import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import dev.sprawl.analyze.Variables;

/**
 * docker-compose files ({@code docker-compose*.yml}, {@code compose*.yml}): literal credentials in a
 * service's {@code environment} and {@code build.args} (mapping or {@code NAME=value} list, anchors
 * followed). References: the {@code secrets} a service uses ({@code compose-secret}). Each service is
 * a scope ({@code resource: service NAME}). Context: {@code container}.
 */
public final class ComposeAnalyzer implements Analyzer {

    @Override
    public String id() {
        return "docker-compose";
    }

    @Override
    public Fit fit(String path, String fileName) {
        boolean yaml = fileName.endsWith(".yml") || fileName.endsWith(".yaml");
        return yaml && (fileName.startsWith("docker-compose") || fileName.startsWith("compose.")
                || fileName.startsWith("compose-")) ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        for (Tree doc : in.yaml()) {
            if (!(doc instanceof Tree.Mapping root)) {
                continue;
            }
            out.context("container");
            Tree.Mapping services = root.mapping("services");
            if (services == null) {
                continue;
            }
            for (Tree.Entry svc : services.entries()) {
                if (!(svc.value() instanceof Tree.Mapping s)) {
                    continue;
                }
                String path = TreeWalk.child("services", svc.key());
                out.scope(s.span(), "service " + svc.key(), null);
                for (Tree env : s.all("environment")) {
                    Variables.block(AnalyzerRule.COMPOSE_LITERAL, env, TreeWalk.child(path, "environment"), out);
                }
                if (s.get("build") instanceof Tree.Mapping build) {
                    for (Tree args : build.all("args")) {
                        Variables.block(AnalyzerRule.COMPOSE_LITERAL, args, TreeWalk.child(path, "build.args"), out);
                    }
                }
                if (s.get("secrets") instanceof Tree.Sequence secrets) {
                    for (int i = 0; i < secrets.items().size(); i++) {
                        Tree item = secrets.items().get(i);
                        String p = TreeWalk.item(TreeWalk.child(path, "secrets"), i);
                        if (item instanceof Tree.Scalar name) {
                            out.reference("compose-secret", name.value(), name.span(), p);
                        } else if (item instanceof Tree.Mapping m && m.get("source") instanceof Tree.Scalar src) {
                            out.reference("compose-secret", src.value(), src.span(), p);
                        }
                    }
                }
            }
        }
    }
}
