package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sprawl.TestSecrets;
import dev.sprawl.org.Shards;
import dev.sprawl.source.git.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --shard} partitions a target list; {@code sprawl merge} of the shards equals one scan of all of it. */
class ShardMergeTest {

    @TempDir
    Path tmp;

    @Test
    void fourShardsMergedEqualOneScanByteForByte() throws Exception {
        Random random = new Random(11);
        List<String> shared = List.of(TestSecrets.githubToken("ghp_"), TestSecrets.githubToken("ghp_"),
                TestSecrets.githubToken("ghp_"));
        List<String> targets = new ArrayList<>();
        for (int r = 0; r < 9; r++) {
            try (TestRepo repo = TestRepo.init(tmp.resolve("org/repo" + r))) {
                if (r % 3 == 0) {
                    repo.write(".github/CODEOWNERS", "* @acme/team" + r + "\n");
                }
                repo.write("config/app.env", "GITHUB_TOKEN=" + shared.get(r % 2) + "\nDB_PASSWORD="
                        + TestSecrets.password() + "\n");
                if (r % 3 != 0 && r % 2 == 0) {
                    repo.write("ops/orphan.env", "ORPHAN_TOKEN=" + shared.get(2) + "\n"); // no owner anywhere
                }
                repo.commit("one", "Dana Ops", TestRepo.T0.plus(Duration.ofDays(r)));
                if (r % 3 != 0 && r % 2 == 1) {
                    repo.write("ops/orphan.env", "ORPHAN_TOKEN=" + shared.get(2) + "\n");
                }
                repo.write("src/Main.java", "class Main { String k = \"" + shared.get(0) + "\"; }\n");
                repo.write("deploy/r" + r + ".env", "TOKEN=" + shared.get(0) + "\n");
                if (random.nextBoolean()) {
                    Files.write(repo.dir().resolve("logo.bin"), new byte[] {0, 1, 2, 0, 3});
                }
                repo.commit("two", "Lee Dev", TestRepo.T0.plus(Duration.ofDays(r + 1)));
                if (random.nextBoolean()) {
                    repo.delete("config/app.env");
                    repo.commit("three", "Lee Dev", TestRepo.T0.plus(Duration.ofDays(r + 2)));
                }
            }
            targets.add(tmp.resolve("org/repo" + r).toString());
        }
        targets.sort(null);
        Cli.Result full = scan(targets, null);
        assertThat(full.out()).contains("secret-sprawl");

        List<String> mergeArgs = new ArrayList<>(List.of("merge", "-o", tmp.resolve("merged.json").toString()));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Cli.Result shard = scan(targets, i + "/4");
            List<String> reported = new ArrayList<>();
            shard.json().path("scan").path("targets").forEach(t -> reported.add(t.asText()));
            assertThat(reported).as("a shard reports the list it was cut from").isEqualTo(targets);
            for (JsonNode secret : shard.json().path("secrets")) {
                for (JsonNode l : secret.path("locations")) {
                    String target = l.path("target").asText();
                    assertThat(Shards.of(target, 4)).isEqualTo(i);
                    seen.add(target);
                }
            }
            Path out = tmp.resolve("shard-" + i + ".json");
            Files.writeString(out, shard.out());
            mergeArgs.add(out.toString());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(targets);
        Cli.Result merged = Cli.run(mergeArgs.toArray(String[]::new));
        assertThat(merged.code()).as(merged.err()).isZero();
        assertThat(withoutTimes(Files.readString(tmp.resolve("merged.json")))).isEqualTo(withoutTimes(full.out()));
        // the orphaned secret spans shards: its dates, suggested owners and the summary come from all of them
        JsonNode mergedJson = new ObjectMapper().readTree(tmp.resolve("merged.json").toFile());
        JsonNode orphan = null;
        for (JsonNode secret : mergedJson.path("secrets")) {
            if (secret.path("locations").get(0).path("path").asText().equals("ops/orphan.env")) {
                orphan = secret;
            }
        }
        assertThat(orphan).isNotNull();
        Set<Integer> shards = new HashSet<>();
        orphan.path("locations").forEach(l -> shards.add(Shards.of(l.path("target").asText(), 4)));
        assertThat(shards.size()).isGreaterThan(1);
        assertThat(orphan.path("owner").isNull()).isTrue();
        assertThat(orphan.path("firstSeen").asText()).isEqualTo(TestRepo.T0.plus(Duration.ofDays(2)).toString());
        List<String> authors = new ArrayList<>();
        orphan.path("suggestedOwners").forEach(o -> authors.add(o.path("name").asText()));
        assertThat(authors).hasSize(2);
        assertThat(mergedJson.path("summary").path("secrets").asInt()).isEqualTo(mergedJson.path("secrets").size());

        // a small buffer forces the external sort through many runs: same bytes
        mergeArgs.set(2, tmp.resolve("merged-small.json").toString());
        mergeArgs.add(1, "--buffer");
        mergeArgs.add(2, "1K");
        assertThat(Cli.run(mergeArgs.toArray(String[]::new)).code()).isZero();
        assertThat(Files.readString(tmp.resolve("merged-small.json"))).isEqualTo(Files.readString(tmp.resolve("merged.json")));
    }

    @Test
    void shardsAreAStablePartitionByTargetIdentity() {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            targets.add("https://git.acme.test/team/repo" + i + ".git");
        }
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            List<String> s = Shards.select(targets, new Shards.Shard(i, 5));
            assertThat(s).isNotEmpty();
            all.addAll(s);
            List<String> reversed = new ArrayList<>(targets);
            java.util.Collections.reverse(reversed);
            assertThat(new HashSet<>(Shards.select(reversed, new Shards.Shard(i, 5)))).isEqualTo(new HashSet<>(s));
        }
        assertThat(all).hasSize(200);
        assertThat(Shards.of("https://user:pw@git.acme.test/a.git", 7)).isEqualTo(Shards.of("https://git.acme.test/a.git", 7));
        assertThat(Shards.identity("https://user:pw@git.acme.test/a.git")).isEqualTo("https://git.acme.test/a.git");
    }

    @Test
    void badShardValuesAndBadInventoriesAreUsageErrors() throws Exception {
        for (String bad : new String[] {"4/4", "-1/4", "1/0", "a/b", "1", "1/2/3"}) {
            Cli.Result r = Cli.run("scan", "--shard", bad, tmp.toString());
            assertThat(r.code()).as(bad).isEqualTo(2);
            assertThat(r.err()).contains("--shard");
        }
        Path garbage = tmp.resolve("g.json");
        Files.writeString(garbage, "{\"schema\": \"other/1\"}");
        Cli.Result r = Cli.run("merge", garbage.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("schema");
        Files.writeString(garbage, "{\"schema\": \"sprawl-inventory/1\", \"secrets\": [");
        assertThat(Cli.run("merge", garbage.toString()).code()).isEqualTo(2);
    }

    private static Cli.Result scan(List<String> targets, String shard) {
        List<String> args = new ArrayList<>(List.of("scan", "-f", "json", "--fail-on", "never", "--no-ignore-file"));
        if (shard != null) {
            args.add("--shard");
            args.add(shard);
        }
        args.addAll(targets);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    /**
     * The report without its timestamps (the scan's start and end): everything else, the governance
     * {@code summary}, each secret's lifecycle dates, ages and suggested owners included, must be equal.
     */
    static String withoutTimes(String json) throws Exception {
        JsonNode n = new ObjectMapper().readTree(json);
        ((com.fasterxml.jackson.databind.node.ObjectNode) n.path("scan")).remove(List.of("startedAt", "finishedAt"));
        IncrementalCacheTest.withoutClockDays(n);
        return n.toPrettyString();
    }
}
