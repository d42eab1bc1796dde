package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.TestSecrets;
import dev.sprawl.source.git.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --timings}: the shape of {@code scan.timings} and the stderr table; no timing is asserted. */
class TimingsTest {

    @TempDir
    Path dir;

    private Path history() throws Exception {
        Path repoDir = dir.resolve("repo");
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("app.env", "export GITHUB_TOKEN=" + TestSecrets.githubToken("ghp_") + "\n");
            repo.commit("first", "Dana Ops", TestRepo.T0);
            repo.write("app.env", "export GITHUB_TOKEN=" + TestSecrets.githubToken("ghp_") + "\nPORT=8080\n");
            repo.write("deploy.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: x\n");
            repo.commit("second", "Dana Ops", TestRepo.T0.plusSeconds(3600));
        }
        return repoDir;
    }

    @Test
    void gitScanReportsEveryPhaseWithItsFigures() throws Exception {
        Path repo = history();
        Cli.Result r = Cli.run("scan", repo.toString(), "-f", "json", "--timings");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode timings = r.json().path("scan").path("timings");
        assertThat(timings.isObject()).isTrue();
        List<String> phases = new ArrayList<>();
        timings.fieldNames().forEachRemaining(phases::add);
        assertThat(phases).containsSubsequence("startup", "commitGraph", "historyIndex", "read", "detection",
                "inventory", "report", "total");
        assertThat(phases.get(phases.size() - 1)).isEqualTo("total");
        for (JsonNode phase : timings) {
            List<String> fields = new ArrayList<>();
            phase.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("wallMs", "cpuMs", "bytes");
            phase.forEach(v -> assertThat(v.isIntegralNumber() && v.asLong() >= 0).isTrue());
        }
        // every blob's bytes pass through reading and detection
        long scanned = r.json().path("scan").path("stats").path("bytes").asLong();
        assertThat(timings.path("detection").path("bytes").asLong()).isEqualTo(scanned);
        assertThat(timings.path("read").path("bytes").asLong()).isGreaterThanOrEqualTo(scanned).isPositive();
    }

    @Test
    void remoteTargetsChargeTheirRefChecksAndClonesToRemotes() throws Exception {
        Path repo = history();
        Cli.Result r = Cli.run("scan", repo.toUri().toString(), "-f", "json", "--timings");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        List<String> phases = new ArrayList<>();
        r.json().path("scan").path("timings").fieldNames().forEachRemaining(phases::add);
        assertThat(phases).containsSubsequence("startup", "remotes", "commitGraph", "historyIndex", "total");
        assertThat(r.json().path("scan").path("timings").path("remotes").path("wallMs").asLong()).isPositive();
    }

    @Test
    void absentWithoutTheFlag() throws Exception {
        Path repo = history();
        Cli.Result r = Cli.run("scan", repo.toString(), "-f", "json");
        assertThat(r.json().path("scan").has("timings")).isFalse();
        assertThat(r.err()).doesNotContain("timings");
        Cli.Result table = Cli.run("scan", repo.toString(), "-f", "table");
        assertThat(table.err()).doesNotContain("timings");
    }

    @Test
    void tableOutputPrintsThePhasesOnStderr() throws Exception {
        Path folder = dir.resolve("folder");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("a.env"), "GITHUB_TOKEN=" + TestSecrets.githubToken("ghp_") + "\n");
        Cli.Result r = Cli.run("scan", folder.toString(), "-f", "table", "--timings");
        assertThat(r.err()).contains("sprawl timings").contains("read").contains("detection").contains("report")
                .contains("total");
        assertThat(r.out()).doesNotContain("wall ms");
        Cli.Result json = Cli.run("scan", folder.toString(), "-f", "json", "--timings");
        assertThat(json.json().path("scan").path("timings").has("commitGraph")).isFalse();
        assertThat(json.json().path("scan").path("timings").path("read").path("bytes").asLong()).isPositive();
    }
}
