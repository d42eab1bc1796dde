package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.source.git.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The html, csv and markdown formats through the command line, and the CI files that publish markdown. */
class ReportFormatsCliTest {

    @TempDir
    Path dir;

    private Path project() throws Exception {
        Files.writeString(dir.resolve("deploy.sh"), "export GITHUB_TOKEN=" + TestSecrets.githubToken("ghp_") + "\n"
                + "password = \"" + TestSecrets.password() + "\"\n");
        return dir;
    }

    @Test
    void csvHasARowPerLocationAndNoValue() throws Exception {
        String token = TestSecrets.githubToken("ghp_");
        Files.writeString(dir.resolve("a.env"), "GITHUB_TOKEN=" + token + "\n");
        Files.writeString(dir.resolve("b.env"), "GITHUB_TOKEN=" + token + "\n");
        Cli.Result r = Cli.run("scan", dir.toString(), "--format", "csv");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        List<String> rows = List.of(r.out().split("\r\n"));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).contains(",a.env,");
        assertThat(rows.get(2)).contains(",b.env,");
        assertThat(r.out()).doesNotContain(token);
    }

    @Test
    void htmlIsOnePageWithThePolicy() throws Exception {
        Path out = dir.resolve("out/report.html");
        Files.createDirectories(out.getParent());
        Cli.Result r = Cli.run("scan", project().toString(), "--format", "html", "--output", out.toString(),
                "--exclude", "out");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        String html = Files.readString(out);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Content-Security-Policy").contains("default-src 'none'")
                .doesNotContain("src=\"").doesNotContain("href=\"http").contains("sprawl inventory: 2 secrets");
        // the only address in the page is the SVG namespace, which names and loads nothing
        assertThat(java.util.regex.Pattern.compile("https?://[^'\"\\s<]*").matcher(html).results()
                .map(java.util.regex.MatchResult::group).distinct()).containsExactly("http://www.w3.org/2000/svg");
    }

    @Test
    void markdownListsMediumByDefaultAndLowOnRequest() throws Exception {
        Files.writeString(dir.resolve("notes.md"), "the password is " + TestSecrets.alnum(12) + "\n");
        Cli.Result all = Cli.run("scan", project().toString(), "--format", "json");
        long low = all.json().findValuesAsText("confidence").stream().filter("low"::equals).count();
        Cli.Result md = Cli.run("scan", dir.toString(), "--format", "markdown");
        assertThat(md.out()).startsWith("### sprawl: ");
        if (low > 0) {
            assertThat(md.out()).contains(low + " below medium confidence not listed");
            assertThat(Cli.run("scan", dir.toString(), "--format", "markdown", "--min-confidence", "low").out())
                    .doesNotContain("not listed");
        }
        assertThat(Cli.run("scan", dir.toString(), "--min-confidence", "sure").code()).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void actionWritesTheJobSummaryAndGitlabKeepsIt() throws Exception {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> action = yaml.load(Files.readString(Path.of("action.yml")));
        String step = ((List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps")).stream()
                .map(s -> String.valueOf(s.get("run"))).filter(s -> s.contains("--format markdown")).findFirst().orElseThrow();
        assertThat(step).contains(">> \"$GITHUB_STEP_SUMMARY\"").contains("--fail-on never");
        Map<String, Object> gitlab = yaml.load(Files.readString(Path.of("ci/gitlab-sprawl.yml")));
        Map<String, Object> job = (Map<String, Object>) gitlab.get("sprawl");
        assertThat(String.join("\n", (List<String>) job.get("script"))).contains("--format markdown --output sprawl.md");
        assertThat((List<String>) ((Map<String, Object>) job.get("artifacts")).get("paths")).contains("sprawl.md");

        // the Action's command on a pull request range: new secrets listed, the exit code left to the gate
        Path repoDir = Files.createDirectories(dir.resolve("repo"));
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("README.md", "hello\n");
            RevCommit base = repo.commit("init", "Dana Ops", TestRepo.T0);
            repo.write("ci.sh", "TOKEN=" + TestSecrets.githubToken("ghp_") + "\n");
            repo.commit("add ci", "Eve Dev", TestRepo.T0.plusSeconds(60));
            Cli.Result r = Cli.run("scan", repoDir.toString(), "--since", base.getName(), "--format", "markdown",
                    "--fail-on", "never", "--quiet");
            assertThat(r.code()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).startsWith("### sprawl: 1 secret").contains("GitHub personal access token").contains("ci\\.sh:1");
        }
    }
}
