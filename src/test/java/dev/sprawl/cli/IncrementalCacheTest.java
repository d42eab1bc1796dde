package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sprawl.TestSecrets;
import dev.sprawl.org.store.BlobStore;
import dev.sprawl.source.git.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cache}: a rescan recalls known blobs from the datastore and reports exactly what a fresh
 * scan reports (timestamps aside), on randomly built histories with structured files, copies, renames
 * and shared secrets; damaged or foreign caches are rebuilt.
 */
class IncrementalCacheTest {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void cachedRescansEqualFreshScansOnRandomHistories() throws Exception {
        for (long seed = 1; seed <= 2; seed++) {
            Random random = new Random(seed);
            Path base = Files.createDirectories(tmp.resolve("seed" + seed));
            List<TestRepo> repos = new ArrayList<>();
            List<String> shared = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                shared.add(TestSecrets.githubToken("ghp_"));
            }
            for (int r = 0; r < 2; r++) {
                TestRepo repo = TestRepo.init(base.resolve("repo" + r));
                repos.add(repo);
                grow(repo, random, shared, 3);
            }
            Path cache = base.resolve("cache");
            String[] targets = repos.stream().map(t -> t.dir().toString()).toArray(String[]::new);

            String fresh = normalised(scan(targets, null));
            assertThat(normalised(scan(targets, cache))).isEqualTo(fresh);
            assertThat(normalised(scan(targets, cache))).isEqualTo(fresh);
            assertThat(fresh).contains("\"fingerprint\"");

            for (TestRepo repo : repos) {
                grow(repo, random, shared, 2);
            }
            String fresh2 = normalised(scan(targets, null));
            assertThat(normalised(scan(targets, cache))).isEqualTo(fresh2);
            assertThat(normalised(scan(targets, cache))).isEqualTo(fresh2);
            assertThat(fresh2).isNotEqualTo(fresh);
            repos.forEach(TestRepo::close);
        }
    }

    @Test
    void aRecalledBlobIsNotReadAgain() throws Exception {
        TestRepo repo = TestRepo.init(tmp.resolve("repo"));
        String token = TestSecrets.githubToken("ghp_");
        repo.write("config/app.env", "GITHUB_TOKEN=" + token + "\n");
        repo.commit("add", "Dana Ops", TestRepo.T0);
        Path cache = tmp.resolve("cache");
        String fresh = normalised(scan(new String[] {repo.dir().toString()}, cache));
        ObjectId blob = repo.repo().resolve("HEAD:config/app.env");
        Files.delete(repo.looseObject(blob)); // a scan that read it would now warn git-object-unreadable

        Cli.Result again = Cli.run("scan", "--no-ignore-file", "-f", "json", "--cache", cache.toString(),
                repo.dir().toString());
        assertThat(normalised(again)).isEqualTo(fresh);
        assertThat(again.out()).doesNotContain("git-object-unreadable");
        Cli.Result uncached = Cli.run("scan", "--no-ignore-file", "-f", "json", repo.dir().toString());
        assertThat(uncached.out()).contains("git-object-unreadable");
        repo.close();
    }

    /**
     * The unchanged-repository memo: stored results are made recognisable (every line moved by 100),
     * then one of two bare repositories gets a new commit. The one whose refs did not move is replayed
     * from the memo (its lines show the mark, so it was neither walked nor read); the one whose refs
     * moved is scanned again (true lines). Without the mark, the replayed entries equal a fresh scan's.
     * The generic detector's findings (a password by its name, a URL's password) are stored under
     * their engine rule's variants, so a repository holding them is remembered too.
     */
    @Test
    void aRepositoryWhoseRefsDidNotMoveIsReplayedAndOneWhoseRefsMovedIsScanned() throws Exception {
        List<TestRepo> repos = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (String name : List.of("still", "moved")) {
            Path gitDir = tmp.resolve(name + ".git");
            TestRepo repo = TestRepo.initSeparate(tmp.resolve(name + "-work"), gitDir);
            repo.write("config/app.env", "GITHUB_TOKEN=" + TestSecrets.githubToken("ghp_") + "\nDB_PASSWORD="
                    + TestSecrets.password() + "\nDATABASE_URL=postgres://app:" + TestSecrets.password()
                    + "@db.internal:5432/app\n");
            repo.commit("add", "Dana Ops", TestRepo.T0);
            repos.add(repo);
            targets.add(gitDir.toString());
        }
        String[] both = targets.toArray(String[]::new);
        Path cache = tmp.resolve("cache");
        String fresh = normalised(scan(both, null));
        assertThat(fresh).contains("generic-password");
        assertThat(normalised(scan(both, cache))).isEqualTo(fresh);
        Path db = cache.resolve(BlobStore.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*), sum(findings) FROM targets")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(2);
                assertThat(r.getInt(2)).isGreaterThanOrEqualTo(6);
            }
            s.execute("UPDATE targets SET result = replace(result, '\"line\":', '\"line\":10')");
        }
        repos.get(1).write("deploy/new.env", "API_TOKEN=" + TestSecrets.githubToken("ghp_") + "\n")
                .commit("two", "Lee Dev", TestRepo.T0.plus(Duration.ofDays(1)));

        JsonNode again = scan(both, cache).json();
        int replayed = 0;
        int scanned = 0;
        for (JsonNode secret : again.path("secrets")) {
            for (JsonNode l : secret.path("locations")) {
                if (l.path("target").asText().equals(targets.get(0))) {
                    assertThat(l.path("line").asInt()).as(l.toString()).isGreaterThanOrEqualTo(100);
                    replayed++;
                } else {
                    assertThat(l.path("line").asInt()).as(l.toString()).isLessThan(100);
                    scanned++;
                }
            }
        }
        assertThat(replayed).isGreaterThanOrEqualTo(3);
        assertThat(scanned).isGreaterThanOrEqualTo(4);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("UPDATE targets SET result = replace(result, '\"line\":10', '\"line\":')");
        }
        assertThat(normalised(scan(both, cache))).isEqualTo(normalised(scan(both, null)));
        repos.forEach(TestRepo::close);
    }

    @Test
    void theDatastoreIsPrivateVersionedAndQueryable() throws Exception {
        TestRepo repo = TestRepo.init(tmp.resolve("repo"));
        repo.write("a.env", "TOKEN=" + TestSecrets.githubToken("ghp_") + "\n");
        repo.commit("add", "Dana Ops", TestRepo.T0);
        Path cache = tmp.resolve("cache");
        scan(new String[] {repo.dir().toString()}, cache);
        Path db = cache.resolve(BlobStore.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT value FROM meta WHERE key = 'schema'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo(BlobStore.SCHEMA);
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM paths WHERE path = 'a.env' AND findings = 1")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(1);
            }
        }
        repo.close();
    }

    @Test
    void aDamagedOrForeignCacheIsRebuiltWithAWarning() throws Exception {
        TestRepo repo = TestRepo.init(tmp.resolve("repo"));
        repo.write("a.env", "TOKEN=" + TestSecrets.githubToken("ghp_") + "\n");
        repo.commit("add", "Dana Ops", TestRepo.T0);
        String[] target = {repo.dir().toString()};
        String fresh = normalised(scan(target, null));
        Path cache = tmp.resolve("cache");
        Path db = cache.resolve(BlobStore.FILE_NAME);

        scan(target, cache);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("UPDATE meta SET value = '0' WHERE key = 'schema'");
        }
        assertRebuilt(target, cache, fresh, "schema 0");

        // truncated: the first page survives, the rest is cut off
        byte[] whole = Files.readAllBytes(db);
        Files.write(db, java.util.Arrays.copyOf(whole, Math.min(whole.length, 1024)));
        deleteSidecars(db);
        assertRebuilt(target, cache, fresh, null);

        byte[] garbage = new byte[8192];
        new Random(7).nextBytes(garbage);
        Files.write(db, garbage);
        deleteSidecars(db);
        assertRebuilt(target, cache, fresh, null);
        assertThat(normalised(scan(target, cache))).isEqualTo(fresh); // and trusted afterwards
        repo.close();
    }

    private static void deleteSidecars(Path db) throws Exception {
        Files.deleteIfExists(Path.of(db + "-wal"));
        Files.deleteIfExists(Path.of(db + "-shm"));
    }

    private static void assertRebuilt(String[] target, Path cache, String fresh, String says) throws Exception {
        Cli.Result r = run(target, cache);
        JsonNode warnings = r.json().path("scan").path("warnings");
        JsonNode rebuilt = null;
        for (JsonNode w : warnings) {
            if (w.path("code").asText().equals("cache-rebuilt")) {
                rebuilt = w;
            }
        }
        assertThat(rebuilt).as(r.out()).isNotNull();
        assertThat(rebuilt.path("incomplete").asBoolean()).isFalse();
        if (says != null) {
            assertThat(rebuilt.path("message").asText()).contains(says);
        }
        assertThat(r.json().path("scan").path("complete").asBoolean()).isTrue();
        ObjectNode n = (ObjectNode) JSON.readTree(normalised(r));
        ((com.fasterxml.jackson.databind.node.ArrayNode) n.path("scan").path("warnings")).removeAll();
        ObjectNode f = (ObjectNode) JSON.readTree(fresh);
        ((com.fasterxml.jackson.databind.node.ArrayNode) f.path("scan").path("warnings")).removeAll();
        assertThat(n).isEqualTo(f);
    }

    /** Adds a few commits of random changes: new files of several kinds, copies, renames, edits, deletions. */
    private static void grow(TestRepo repo, Random random, List<String> shared, int commits) throws Exception {
        for (int c = 0; c < commits; c++) {
            int changes = 1 + random.nextInt(4);
            for (int k = 0; k < changes; k++) {
                int n = random.nextInt(1000);
                switch (random.nextInt(8)) {
                    case 0 -> repo.write("config/app" + n + ".env", "GITHUB_TOKEN=" + shared.get(random.nextInt(3))
                            + "\nDB_PASSWORD=" + TestSecrets.password() + "\n");
                    case 1 -> repo.write("deploy/secret" + n + ".yaml", """
                            apiVersion: v1
                            kind: Secret
                            metadata:
                              name: db-creds
                              labels: {team: dba}
                            data:
                              password: %s
                            """.formatted(Base64.getEncoder().encodeToString(
                            TestSecrets.password().getBytes(StandardCharsets.UTF_8))));
                    case 2 -> repo.write(".github/workflows/ci" + n + ".yml", """
                            on: push
                            jobs:
                              build:
                                runs-on: ubuntu-latest
                                env:
                                  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}
                                  API_KEY: "%s"
                                steps:
                                  - run: echo hi
                            """.formatted(TestSecrets.alnum(32)));
                    case 3 -> repo.write("src/Main" + n + ".java", "class Main { String k = \"" + shared.get(0)
                            + "\"; }\n// line " + n + "\n");
                    case 4 -> repo.write("docs/readme" + n + ".md", "no secrets here " + n + "\n");
                    case 5 -> repo.write(".github/CODEOWNERS", "* @acme/team" + (n % 3) + "\n");
                    case 6 -> {
                        byte[] bin = new byte[64];
                        random.nextBytes(bin);
                        bin[0] = 0;
                        Files.createDirectories(repo.dir().resolve("bin"));
                        Files.write(repo.dir().resolve("bin/blob" + n + ".dat"), bin);
                    }
                    default -> {
                        List<Path> files;
                        try (var s = Files.walk(repo.dir())) {
                            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/.git/"))
                                    .sorted().toList();
                        }
                        if (!files.isEmpty()) {
                            Path f = files.get(random.nextInt(files.size()));
                            Path copy = f.resolveSibling("copy" + n + "-" + f.getFileName());
                            Files.copy(f, copy);
                            if (random.nextBoolean()) {
                                Files.delete(f); // a rename
                            }
                        }
                    }
                }
            }
            repo.commit("change " + c, random.nextBoolean() ? "Dana Ops" : "Lee Dev",
                    TestRepo.T0.plus(Duration.ofHours(random.nextInt(10_000))));
        }
    }

    private static Cli.Result run(String[] targets, Path cache) {
        List<String> args = new ArrayList<>(List.of("scan", "--no-ignore-file", "-f", "json", "--fail-on", "never"));
        if (cache != null) {
            args.add("--cache");
            args.add(cache.toString());
        }
        args.addAll(List.of(targets));
        return Cli.run(args.toArray(String[]::new));
    }

    private static Cli.Result scan(String[] targets, Path cache) {
        Cli.Result r = run(targets, cache);
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        return r;
    }

    /** The report without its timestamps. */
    static String normalised(Cli.Result r) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(r.out());
        ObjectNode scan = (ObjectNode) root.path("scan");
        scan.remove("startedAt");
        scan.remove("finishedAt");
        withoutClockDays(root);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /**
     * Drops what counts days up to the scan's clock ({@code ageDays} and the exposure ages summed from it):
     * two scans a second apart differ there when a day boundary of the fixtures' commit times falls
     * between them (the fixtures commit at 08:00 UTC, so at 08:00 UTC every day).
     */
    static void withoutClockDays(com.fasterxml.jackson.databind.JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("ageDays");
            if (o.path("exposureAge") instanceof ObjectNode age) {
                age.remove(java.util.List.of("medianDays", "maxDays"));
            }
            o.forEach(IncrementalCacheTest::withoutClockDays);
        } else if (n != null && n.isArray()) {
            n.forEach(IncrementalCacheTest::withoutClockDays);
        }
    }
}
