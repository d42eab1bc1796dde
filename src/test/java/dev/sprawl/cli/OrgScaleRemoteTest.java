package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.org.GitServers;
import dev.sprawl.source.git.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Org scale against a real git daemon on loopback: {@code --targets-from} with git:// URLs, rescans
 * with {@code --cache} (clones fetched, known blobs recalled) equal to fresh scans, and shards merged
 * equal to one scan.
 */
class OrgScaleRemoteTest {

    @TempDir
    Path tmp;

    @Test
    void cachedAndShardedOrgScansEqualOneFreshScan() throws Exception {
        Assumptions.assumeTrue(GitServers.gitAvailable(), GitServers.SKIP);
        Path served = tmp.resolve("served");
        String shared = TestSecrets.githubToken("ghp_");
        List<String> names = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            String name = "acme/repo" + r;
            names.add(name);
            try (TestRepo repo = TestRepo.init(served.resolve(name))) {
                repo.write("CODEOWNERS", "* @acme/team" + (r % 2) + "\n")
                        .write("config/app.env", "GITHUB_TOKEN=" + shared + "\nDB_PASSWORD=" + TestSecrets.password() + "\n")
                        .commit("one", "Dana Ops", TestRepo.T0.plus(Duration.ofDays(r)));
            }
        }
        try (GitServers git = new GitServers(served, Files.createDirectories(tmp.resolve("home")))) {
            String daemon = git.startDaemon();
            Path list = tmp.resolve("targets.txt");
            StringBuilder b = new StringBuilder("# the org\n");
            names.forEach(n -> b.append(daemon).append('/').append(n).append('\n'));
            Files.writeString(list, b.toString());
            Path cache = tmp.resolve("cache");

            String fresh = IncrementalCacheTest.normalised(scan(list, null, null));
            assertThat(fresh).contains(daemon + "/acme/repo5").contains("secret-sprawl");
            assertThat(IncrementalCacheTest.normalised(scan(list, cache, null))).isEqualTo(fresh);
            assertThat(cache.resolve("repos")).isDirectory();
            assertThat(IncrementalCacheTest.normalised(scan(list, cache, null))).isEqualTo(fresh);

            try (TestRepo repo = TestRepo.open(served.resolve("acme/repo3"))) {
                repo.write("deploy/new.env", "API_TOKEN=" + shared + "\n").commit("two", "Lee Dev", TestRepo.T0.plus(Duration.ofDays(30)));
            }
            String fresh2 = IncrementalCacheTest.normalised(scan(list, null, null));
            assertThat(fresh2).isNotEqualTo(fresh).contains("deploy/new.env");
            assertThat(IncrementalCacheTest.normalised(scan(list, cache, null))).isEqualTo(fresh2);

            List<String> merge = new ArrayList<>(List.of("merge", "-o", tmp.resolve("merged.json").toString()));
            for (int i = 0; i < 3; i++) {
                Path out = tmp.resolve("shard-" + i + ".json");
                Files.writeString(out, scan(list, cache, i + "/3").out());
                merge.add(out.toString());
            }
            Cli.Result merged = Cli.run(merge.toArray(String[]::new));
            assertThat(merged.code()).as(merged.err()).isZero();
            Cli.Result whole = new Cli.Result(0, Files.readString(tmp.resolve("merged.json")), "");
            assertThat(ShardMergeTest.withoutTimes(whole.out())).isEqualTo(ShardMergeTest.withoutTimes(fresh2));
        }
    }

    private static Cli.Result scan(Path list, Path cache, String shard) {
        List<String> args = new ArrayList<>(List.of("scan", "--targets-from", list.toString(), "-f", "json",
                "--fail-on", "never"));
        if (cache != null) {
            args.addAll(List.of("--cache", cache.toString()));
        }
        if (shard != null) {
            args.addAll(List.of("--shard", shard));
        }
        Cli.Result r = Cli.runWithEnv(Map.of(), args.toArray(String[]::new));
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        return r;
    }
}
