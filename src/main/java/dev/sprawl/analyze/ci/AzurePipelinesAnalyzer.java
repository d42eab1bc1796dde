package dev.sprawl.analyze.ci;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Azure Pipelines ({@code azure-pipelines*.yml}, {@code .azure-pipelines/*.yml},
 * {@code .azuredevops/*.yml}): literals in {@code variables} (mapping or {@code {name, value}} list),
 * step {@code env} and task {@code inputs}. References: credential-named {@code $(NAME)},
 * {@code $[variables.NAME]} and {@code ${{ variables.NAME }}} ({@code azure-pipelines-variable}),
 * variable groups ({@code azure-variable-group}) and the service connections tasks use
 * ({@code azure-service-connection}).
 */
public final class AzurePipelinesAnalyzer extends CiYamlAnalyzer {

    private static final List<Ref> REFS = List.of(new Ref(Pattern.compile(
            "\\$\\(([A-Za-z_][A-Za-z0-9_.]{0,127})\\)|variables\\.([A-Za-z_][A-Za-z0-9_.]{0,127})"
                    + "|variables\\[\\s*'([^']{1,128})'\\s*\\]"),
            "azure-pipelines-variable", true, ""));
    /** Task inputs that name a service connection. */
    private static final Set<String> CONNECTION_INPUTS = Set.of("azuresubscription", "connectedservicename",
            "connectedservicenamearm", "serviceconnection", "dockerregistryserviceconnection",
            "kubernetesserviceconnection", "containerregistry", "awscredentials", "externalfeedcredentials",
            "gitHubConnection".toLowerCase(java.util.Locale.ROOT), "endpoint");

    @Override
    public String id() {
        return "azure-pipelines";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (!isYaml(fileName)) {
            return Fit.NO;
        }
        if (fileName.startsWith("azure-pipelines") || path.startsWith(".azure-pipelines/")
                || path.contains("/.azure-pipelines/") || path.startsWith(".azuredevops/") || path.contains("/.azuredevops/")) {
            return Fit.NAME;
        }
        return Fit.NO;
    }

    @Override
    Set<String> variableBlocks() {
        return Set.of("variables", "env", "inputs");
    }

    @Override
    List<Ref> references() {
        return REFS;
    }

    @Override
    void block(Tree node, String path, AnalyzerOutput out) {
        if (node instanceof Tree.Sequence q) {
            for (int i = 0; i < q.items().size(); i++) {
                if (q.items().get(i) instanceof Tree.Mapping m && m.get("group") instanceof Tree.Scalar g) {
                    out.reference("azure-variable-group", g.value(), g.span(), TreeWalk.item(path, i));
                }
            }
        }
        if (node instanceof Tree.Mapping m && path.endsWith("inputs")) {
            for (Tree.Entry e : m.entries()) {
                if (e.key() != null && CONNECTION_INPUTS.contains(e.key().toLowerCase(java.util.Locale.ROOT))
                        && e.value() instanceof Tree.Scalar s && !s.value().startsWith("$")) {
                    out.reference("azure-service-connection", s.value(), s.span(), TreeWalk.child(path, e.key()));
                }
            }
        }
        super.block(node, path, out);
    }
}
