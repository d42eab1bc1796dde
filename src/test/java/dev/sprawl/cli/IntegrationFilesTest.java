package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.source.git.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The shipped integrations run the commands they claim, with flags the CLI accepts. */
class IntegrationFilesTest {

    @TempDir
    Path repoDir;

    @SuppressWarnings("unchecked")
    private static <T> T yaml(String file) throws Exception {
        return (T) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(Path.of(file)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void preCommitHookScansOnlyStagedContent() throws Exception {
        List<Map<String, Object>> hooks = yaml(".pre-commit-hooks.yaml");
        Map<String, Object> hook = hooks.get(0);
        assertThat(hook.get("id")).isEqualTo("sprawl");
        assertThat(hook.get("entry")).isEqualTo("sprawl");
        assertThat(Files.isExecutable(Path.of((String) hook.get("entry")))).isTrue();
        List<String> args = new ArrayList<>((List<String>) hook.get("args"));
        assertThat(args).contains("--staged");
        String token = TestSecrets.githubToken("ghp_");
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("README.md", "hello\n");
            repo.commit("init", "Dana Ops", TestRepo.T0);
            repo.write("deploy.sh", "export GH=" + token + "\n");
            args.add(repoDir.toString()); // pre-commit runs it in the repository: "." there
            assertThat(Cli.run(args.toArray(String[]::new)).code()).isZero(); // nothing staged yet
            repo.git().add().addFilepattern("deploy.sh").call();
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.out()).contains("GitHub").doesNotContain(token);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void githubActionScansThePullRequestRangeIntoSarif() throws Exception {
        Map<String, Object> action = yaml("action.yml");
        Map<String, Object> runs = (Map<String, Object>) action.get("runs");
        assertThat(runs.get("using")).isEqualTo("composite");
        String script = ((List<Map<String, Object>>) runs.get("steps")).stream()
                .map(s -> String.valueOf(s.get("run"))).filter(r -> r.contains("sprawl\" scan")).findFirst().orElseThrow();
        assertThat(script).contains("--since").contains("--format sarif").contains("--output sprawl.sarif");
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("README.md", "hello\n");
            RevCommit base = repo.commit("init", "Dana Ops", TestRepo.T0);
            repo.write("ci.sh", "TOKEN=" + TestSecrets.githubToken("ghp_") + "\n");
            repo.commit("add ci", "Eve Dev", TestRepo.T0.plusSeconds(60));
            Path sarif = Files.createTempFile("sprawl", ".sarif");
            Files.delete(sarif);
            Cli.Result r = Cli.run("scan", repoDir.toString(), "--since", base.getName(), "--format", "sarif",
                    "--output", sarif.toString());
            assertThat(r.code()).as(r.err()).isEqualTo(1);
            assertThat(dev.sprawl.report.SarifReporterTest.validate(Files.readString(sarif))).isEmpty();
            Files.delete(sarif);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void gitlabTemplateUsesTheMergeRequestBase() throws Exception {
        Map<String, Object> template = yaml("ci/gitlab-sprawl.yml");
        Map<String, Object> job = (Map<String, Object>) template.get("sprawl");
        String script = String.join("\n", (List<String>) job.get("script"));
        assertThat(script).contains("--since \"$CI_MERGE_REQUEST_DIFF_BASE_SHA\"").contains("--format json");
        assertThat(((Map<String, Object>) job.get("variables")).get("GIT_DEPTH")).isEqualTo("0");
    }
}
