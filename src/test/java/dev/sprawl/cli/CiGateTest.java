package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.TestSecrets;
import dev.sprawl.detect.SecretValue;
import dev.sprawl.report.SarifReporterTest;
import dev.sprawl.source.git.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CI gate end to end on a real repository: baseline, moves, new secrets, allow, --since, --staged, SARIF. */
class CiGateTest {

    @TempDir
    Path repoDir;

    @TempDir
    Path outDir;

    private static int newCount(JsonNode inv) {
        int n = 0;
        for (JsonNode s : inv.path("secrets")) {
            if (s.path("new").asBoolean(false)) {
                n++;
            }
        }
        return n;
    }

    private static JsonNode entry(JsonNode inv, String secret) {
        String fp = new SecretValue(secret).fingerprint();
        for (JsonNode s : inv.path("secrets")) {
            if (s.path("fingerprint").asText().equals(fp)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void failsOnlyOnNewSecrets() throws Exception {
        String known = TestSecrets.githubToken("ghp_");
        String known2 = TestSecrets.password();
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("deploy/release.sh", "export GITHUB_TOKEN=" + known + "\n")
                    .write("config/app.env", "DB_PASSWORD=" + known2 + "\n");
            RevCommit first = repo.commit("initial", "Dana Ops", TestRepo.T0);
            Path baseline = outDir.resolve("baseline.json");
            Cli.Result created = Cli.run("scan", repoDir.toString(), "--fail-on", "never", "-o", baseline.toString());
            assertThat(created.code()).as(created.err()).isZero();

            // rescanning against the baseline: nothing new
            Cli.Result again = Cli.run("scan", repoDir.toString(), "--baseline", baseline.toString());
            assertThat(again.code()).as(again.out()).isZero();
            assertThat(newCount(again.json())).isZero();

            // moving a file with known secrets, committed: still nothing new
            repo.move("deploy/release.sh", "scripts/ci/release.sh");
            repo.commit("move the release script", "Dana Ops", TestRepo.T0.plusSeconds(60));
            Cli.Result moved = Cli.run("scan", repoDir.toString(), "--baseline", baseline.toString());
            assertThat(moved.code()).as(moved.out()).isZero();

            // one new token: exit 1, exactly that secret is new
            String fresh = TestSecrets.githubToken("ghp_");
            repo.write("scripts/ci/publish.sh", "export NPM_PUBLISH_GH=" + fresh + "\n");
            repo.commit("publish step", "Eve Dev", TestRepo.T0.plusSeconds(120));
            Cli.Result added = Cli.run("scan", repoDir.toString(), "--baseline", baseline.toString());
            assertThat(added.code()).isEqualTo(1);
            assertThat(newCount(added.json())).isEqualTo(1);
            assertThat(entry(added.json(), fresh).path("new").asBoolean()).isTrue();

            // --since the first commit reports only what came after it
            Cli.Result since = Cli.run("scan", repoDir.toString(), "--since", first.getName());
            assertThat(since.code()).isEqualTo(1);
            List<String> fps = new ArrayList<>();
            since.json().path("secrets").forEach(s -> fps.add(s.path("fingerprint").asText()));
            assertThat(fps).containsExactly(new SecretValue(fresh).fingerprint());

            // a line with sprawl:allow is not reported as failing
            String allowed = TestSecrets.githubToken("ghp_");
            repo.write("scripts/ci/fixture.sh", "TOKEN=" + allowed + " # sprawl:allow test fixture\n");
            repo.commit("fixture", "Eve Dev", TestRepo.T0.plusSeconds(180));
            Cli.Result allow = Cli.run("scan", repoDir.toString(), "--since", first.getName(), "--fail-on", "any");
            assertThat(entry(allow.json(), allowed).path("ignored").asBoolean()).isTrue();

            // --staged reports only staged content
            String staged = TestSecrets.githubToken("ghp_");
            String unstaged = TestSecrets.githubToken("ghp_");
            repo.write("scripts/ci/staged.sh", "T=" + staged + "\n");
            repo.git().add().addFilepattern("scripts/ci/staged.sh").call();
            repo.write("scripts/ci/unstaged.sh", "T=" + unstaged + "\n");
            Cli.Result st = Cli.run("scan", repoDir.toString(), "--staged");
            assertThat(st.code()).isEqualTo(1);
            List<String> stagedFps = new ArrayList<>();
            st.json().path("secrets").forEach(s -> stagedFps.add(s.path("fingerprint").asText()));
            assertThat(stagedFps).containsExactly(new SecretValue(staged).fingerprint());

            // SARIF of the whole repository validates and carries no secret value
            Cli.Result sarif = Cli.run("scan", repoDir.toString(), "-f", "sarif");
            assertThat(SarifReporterTest.validate(sarif.out())).isEmpty();
            for (String s : List.of(known, known2, fresh, allowed, staged, unstaged)) {
                assertThat(sarif.out()).doesNotContain(s);
            }
            assertThat(Files.readString(baseline)).doesNotContain(known).doesNotContain(known2);
        }
    }
}
