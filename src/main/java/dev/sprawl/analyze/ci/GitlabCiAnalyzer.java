package dev.sprawl.analyze.ci;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.Tree;
import dev.sprawl.analyze.TreeWalk;
import java.util.List;
import java.util.Set;

/**
 * GitLab CI ({@code .gitlab-ci.yml}, {@code *.gitlab-ci.yml}, {@code .gitlab/ci/*.yml}): literals in
 * {@code variables} (global and per job, plain or {@code {value: ...}}). References: {@code $NAME} /
 * {@code ${NAME}} of credential-named variables ({@code gitlab-ci-variable}) and the external secrets
 * of a job's {@code secrets:} ({@code vault}, {@code gcp-secret-manager}, {@code azure-key-vault},
 * {@code aws-secrets-manager}).
 */
public final class GitlabCiAnalyzer extends CiYamlAnalyzer {

    private static final List<Ref> REFS = List.of(new Ref(SHELL_VARIABLE, "gitlab-ci-variable", true, "$"));

    @Override
    public String id() {
        return "gitlab-ci";
    }

    @Override
    public Fit fit(String path, String fileName) {
        if (fileName.equals(".gitlab-ci.yml") || fileName.endsWith(".gitlab-ci.yml")) {
            return Fit.NAME;
        }
        if (isYaml(fileName) && (path.startsWith(".gitlab/ci/") || path.contains("/.gitlab/ci/"))) {
            return Fit.NAME;
        }
        return Fit.NO;
    }

    @Override
    Set<String> variableBlocks() {
        return Set.of("variables");
    }

    @Override
    List<Ref> references() {
        return REFS;
    }

    @Override
    boolean entry(Tree.Entry e, String path, AnalyzerOutput out) {
        if (!"secrets".equals(e.key()) || !(e.value() instanceof Tree.Mapping secrets)) {
            return false;
        }
        for (Tree.Entry s : secrets.entries()) {
            if (!(s.value() instanceof Tree.Mapping def)) {
                continue;
            }
            String p = TreeWalk.child(path, s.key());
            Tree vault = def.get("vault");
            if (vault instanceof Tree.Scalar v) {
                out.reference("vault", v.value(), v.span(), p);
            } else if (vault instanceof Tree.Mapping vm) {
                String name = join(vm.text("path"), vm.text("field"));
                out.reference("vault", name, vm.span(), p);
            }
            if (def.get("gcp_secret_manager") instanceof Tree.Mapping g) {
                out.reference("gcp-secret-manager", g.text("name"), g.span(), p);
            }
            if (def.get("azure_key_vault") instanceof Tree.Mapping a) {
                out.reference("azure-key-vault", a.text("name"), a.span(), p);
            }
            if (def.get("aws_secrets_manager") instanceof Tree.Mapping a) {
                out.reference("aws-secrets-manager", a.text("secret_id"), a.span(), p);
            }
        }
        return true;
    }

    private static String join(String path, String field) {
        if (path == null) {
            return field;
        }
        return field == null ? path : path + "/" + field;
    }
}
