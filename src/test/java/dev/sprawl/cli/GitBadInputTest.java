package dev.sprawl.cli;

import static dev.sprawl.cli.GitScanTest.entry;
import static dev.sprawl.cli.GitScanTest.locations;
import static dev.sprawl.cli.GitScanTest.warning;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.TestSecrets;
import dev.sprawl.source.git.TestRepo;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and unusual repositories (RESEARCH §5): an incomplete scan never looks clean, and whatever can
 * be read still is. Each repository is built and then damaged by the test.
 */
class GitBadInputTest {

    @TempDir
    Path dir;

    private static Instant day(int n) {
        return TestRepo.T0.plus(n, ChronoUnit.DAYS);
    }

    private static String token() {
        return TestSecrets.githubToken("ghp_");
    }

    private static String line(String token) {
        return "export GITHUB_TOKEN=" + token + "\n";
    }

    private static Cli.Result scan(Path target, String... more) {
        List<String> args = new ArrayList<>(List.of("scan", target.toString(), "-f", "json"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static ObjectId blobAt(TestRepo repo, RevCommit c, String path) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo.repo(), path, c.getTree())) {
            return tw.getObjectId(0);
        }
    }

    @Test
    void shallowCloneIsIncompleteUnlessAllowed() throws Exception {
        String older = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("old.sh", line(older));
            repo.commit("one", "Dana Ops", day(0));
            repo.delete("old.sh").write("a.txt", "a\n");
            RevCommit c2 = repo.commit("two", "Dana Ops", day(1));
            repo.write("b.txt", "b\n");
            repo.commit("three", "Dana Ops", day(2));
            Files.writeString(repo.repo().getDirectory().toPath().resolve("shallow"), c2.name() + "\n");

            Cli.Result r = scan(dir);
            assertThat(r.code()).isEqualTo(3);
            JsonNode inv = r.json();
            assertThat(inv.at("/scan/complete").asBoolean()).isFalse();
            JsonNode w = warning(inv, "shallow-clone");
            assertThat(w.path("incomplete").asBoolean()).isTrue();
            assertThat(entry(inv, older)).as("history before the shallow boundary is not there").isNull();
            assertThat(inv.at("/scan/stats/commits").asInt()).isEqualTo(2);

            Cli.Result allowed = scan(dir, "--allow-shallow");
            assertThat(allowed.code()).isZero();
            assertThat(warning(allowed.json(), "shallow-clone").path("incomplete").asBoolean()).isFalse();
        }
    }

    @Test
    void missingBlobIsNamedAndTheRestIsScanned() throws Exception {
        String kept = token();
        String lost = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("kept.sh", line(kept)).write("lost.sh", line(lost));
            RevCommit c = repo.commit("one", "Dana Ops", day(0));
            ObjectId lostBlob = blobAt(repo, c, "lost.sh");
            repo.delete("lost.sh").delete("kept.sh");
            Files.delete(repo.looseObject(lostBlob));

            Cli.Result r = scan(dir);
            assertThat(r.code()).as("secrets found, incomplete").isEqualTo(1);
            JsonNode inv = r.json();
            assertThat(inv.at("/scan/complete").asBoolean()).isFalse();
            assertThat(entry(inv, kept)).isNotNull();
            assertThat(entry(inv, lost)).isNull();
            JsonNode w = warning(inv, "git-object-unreadable");
            assertThat(w.path("message").asText()).contains(lostBlob.name()).contains("missing");
            assertThat(w.path("path").asText()).isEqualTo("lost.sh");
            assertThat(w.path("incomplete").asBoolean()).isTrue();

            repo.write("kept.sh", "nothing here\n");
            repo.commit("two", "Dana Ops", day(1));
            Cli.Result onlyLost = scan(dir, "--since", c.name());
            assertThat(onlyLost.code()).isZero();
        }
    }

    @Test
    void missingCommitIsNamedAndHistoryAboveItIsScanned() throws Exception {
        String above = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("a.txt", "a\n");
            repo.commit("one", "Dana Ops", day(0));
            repo.write("b.txt", "b\n");
            RevCommit middle = repo.commit("two", "Dana Ops", day(1));
            repo.write("c.sh", line(above));
            repo.commit("three", "Dana Ops", day(2));
            repo.delete("c.sh");
            Files.delete(repo.looseObject(middle));

            Cli.Result r = scan(dir);
            assertThat(r.code()).isEqualTo(1);
            JsonNode inv = r.json();
            assertThat(inv.at("/scan/complete").asBoolean()).isFalse();
            assertThat(entry(inv, above)).isNotNull();
            assertThat(warning(inv, "git-object-unreadable").path("message").asText()).contains(middle.name());
        }
    }

    @Test
    void corruptObjectInAPackCostsOnlyItself() throws Exception {
        List<String> secrets = List.of(token(), token(), token(), token());
        try (TestRepo repo = TestRepo.init(dir)) {
            for (int i = 0; i < secrets.size(); i++) {
                // random filler: no two blobs are similar enough to become deltas of each other
                repo.write("s" + i + ".sh", TestSecrets.alnum(3000) + "\n" + line(secrets.get(i)) + TestSecrets.alnum(3000) + "\n");
            }
            RevCommit c = repo.commit("one", "Dana Ops", day(0));
            repo.git().gc().call();
            for (int i = 0; i < secrets.size(); i++) {
                repo.delete("s" + i + ".sh");
            }
            Path objects = repo.repo().getDirectory().toPath().resolve("objects");
            deleteLooseObjects(objects);
            ObjectId bad = blobAt(repo, c, "s1.sh");
            corruptInPack(objects.resolve("pack"), bad);

            Cli.Result r = scan(dir, "--threads", "1");
            assertThat(r.code()).as(r.err()).isEqualTo(1);
            JsonNode inv = r.json();
            assertThat(inv.at("/scan/complete").asBoolean()).isFalse();
            assertThat(entry(inv, secrets.get(1))).isNull();
            for (int i : new int[] {0, 2, 3}) {
                assertThat(entry(inv, secrets.get(i))).as("secret %d in the same pack", i).isNotNull();
            }
            JsonNode w = warning(inv, "git-object-unreadable");
            assertThat(w.path("message").asText()).contains(bad.name());
            assertThat(w.path("path").asText()).isEqualTo("s1.sh");
        }
    }

    private static void deleteLooseObjects(Path objects) throws IOException {
        try (Stream<Path> s = Files.list(objects)) {
            for (Path d : s.filter(p -> p.getFileName().toString().length() == 2).toList()) {
                try (Stream<Path> files = Files.list(d)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(d);
            }
        }
    }

    private static void corruptInPack(Path packDir, ObjectId id) throws IOException {
        try (Stream<Path> s = Files.list(packDir)) {
            for (Path idx : s.filter(p -> p.toString().endsWith(".idx")).toList()) {
                PackIndex index = PackIndex.open(idx.toFile());
                if (!index.hasObject(id)) {
                    continue;
                }
                long offset = index.findOffset(id);
                Path pack = Path.of(idx.toString().replaceAll("\\.idx$", ".pack"));
                pack.toFile().setWritable(true);
                try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
                    f.seek(offset + 8);
                    byte[] junk = new byte[64];
                    java.util.Arrays.fill(junk, (byte) 0x5A);
                    f.write(junk);
                }
                return;
            }
        }
        throw new AssertionError("object not packed");
    }

    @Test
    void submoduleGitlinkIsNotedAsNotScanned() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("a.txt", "a\n");
            RevCommit c = repo.commit("one", "Dana Ops", day(0));
            DirCache dc = repo.repo().lockDirCache();
            DirCacheEditor ed = dc.editor();
            ed.add(new DirCacheEditor.PathEdit("libs/sub") {
                @Override
                public void apply(DirCacheEntry e) {
                    e.setFileMode(FileMode.GITLINK);
                    e.setObjectId(c);
                }
            });
            ed.commit();
            repo.commitIndex("add submodule", "Dana Ops", day(1));

            Cli.Result r = scan(dir);
            assertThat(r.code()).as(r.out()).isZero();
            JsonNode w = warning(r.json(), "git-submodule");
            assertThat(w.path("path").asText()).isEqualTo("libs/sub");
            assertThat(w.path("incomplete").asBoolean()).isFalse();
            assertThat(r.json().at("/scan/complete").asBoolean()).isTrue();
        }
    }

    @Test
    void lfsPointerIsScannedAndItsContentNotedAsNotFetched() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("model.bin", "version https://git-lfs.github.com/spec/v1\noid sha256:"
                    + TestSecrets.hex(64) + "\nsize 1048576\n");
            repo.commit("lfs", "Dana Ops", day(0));
            Cli.Result r = scan(dir);
            assertThat(r.code()).isZero();
            JsonNode inv = r.json();
            JsonNode w = warning(inv, "lfs-pointer");
            assertThat(w.path("path").asText()).isEqualTo("model.bin");
            assertThat(w.path("incomplete").asBoolean()).isFalse();
            assertThat(inv.at("/scan/complete").asBoolean()).isTrue();
        }
    }

    @Test
    void blobOverTheSizeLimitIsSkippedOrStreamed() throws Exception {
        String secret = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            StringBuilder sb = new StringBuilder(52 * 1024 * 1024);
            String filler = "# " + "-".repeat(77) + "\n";
            while (sb.length() < 51 * 1024 * 1024) {
                sb.append(filler);
            }
            sb.append(line(secret));
            repo.write("dump.sql", sb.toString());
            repo.commit("big", "Dana Ops", day(0));
            repo.delete("dump.sql");

            Cli.Result skipped = scan(dir);
            assertThat(skipped.code()).isEqualTo(3);
            JsonNode w = warning(skipped.json(), "file-too-large");
            assertThat(w.path("path").asText()).isEqualTo("dump.sql");
            assertThat(w.path("incomplete").asBoolean()).isTrue();

            Cli.Result streamed = scan(dir, "--max-file-size", "60M");
            assertThat(streamed.code()).isEqualTo(1);
            JsonNode l = locations(entry(streamed.json(), secret), "git").get(0);
            assertThat(l.path("path").asText()).isEqualTo("dump.sql");
            assertThat(streamed.json().at("/scan/complete").asBoolean()).isTrue();
        }
    }

    @Test
    void hostileConfigurationRunsNothingAndWritesNothing() throws Exception {
        String secret = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("app.sh", line(secret));
            repo.commit("one", "Dana Ops", day(0));
            repo.write("app.sh", line(secret) + "# changed\n");
            repo.git().add().addFilepattern("app.sh").call();
            Path marker = dir.resolve("pwned");
            String cmd = "touch " + marker;
            Path gitDir = repo.repo().getDirectory().toPath();
            Files.writeString(gitDir.resolve("config"), Files.readString(gitDir.resolve("config"))
                    + "[core]\n\tfsmonitor = " + cmd + "\n\thooksPath = " + gitDir.resolve("hooks") + "\n"
                    + "[filter \"evil\"]\n\tclean = " + cmd + "\n\tsmudge = " + cmd + "\n\tprocess = " + cmd + "\n"
                    + "[diff \"evil\"]\n\ttextconv = " + cmd + "\n"
                    + "[include]\n\tpath = " + dir.resolve("nowhere.cfg") + "\n");
            repo.write(".gitattributes", "* filter=evil diff=evil\n");
            Files.createDirectories(gitDir.resolve("hooks"));
            for (String hook : new String[] {"pre-commit", "post-checkout", "post-index-change", "fsmonitor-watchman"}) {
                Path h = gitDir.resolve("hooks").resolve(hook);
                Files.writeString(h, "#!/bin/sh\n" + cmd + "\n");
                h.toFile().setExecutable(true);
            }
            List<Path> before = listAll(dir);

            for (String[] mode : new String[][] {{}, {"--staged"}, {"--since", "HEAD"}}) {
                Cli.Result r = scan(dir, mode);
                assertThat(r.code()).as(String.join(" ", mode) + r.err()).isIn(0, 1);
            }
            assertThat(entry(scan(dir).json(), secret)).isNotNull();
            assertThat(marker).doesNotExist();
            assertThat(listAll(dir)).as("nothing written into the repository").isEqualTo(before);
        }
    }

    private static List<Path> listAll(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.sorted().toList();
        }
    }

    @Test
    void stashNotesAndTaggedBlobsAreRefsToo() throws Exception {
        String stashedOld = token();
        String stashedNew = token();
        String noted = token();
        String tagged = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("app.sh", "echo hi\n");
            RevCommit c = repo.commit("one", "Dana Ops", day(0));
            repo.write("app.sh", line(stashedOld));
            repo.git().stashCreate().call();
            repo.write("app.sh", line(stashedNew));
            repo.git().stashCreate().call();
            try (RevWalk rw = new RevWalk(repo.repo())) {
                repo.git().notesAdd().setObjectId(rw.parseCommit(c)).setMessage(line(noted)).call();
                ObjectId blob = repo.insertBlob(line(tagged).getBytes(StandardCharsets.UTF_8));
                repo.git().tag().setName("just-a-blob").setObjectId(rw.lookupBlob(blob)).setAnnotated(false).call();
            }

            JsonNode inv = scan(dir).json();
            assertThat(locations(entry(inv, stashedNew), "git").get(0).path("ref").asText()).isEqualTo("refs/stash");
            assertThat(locations(entry(inv, stashedOld), "git").get(0).path("ref").asText()).isEqualTo("refs/stash@{1}");
            JsonNode note = locations(entry(inv, noted), "git").get(0);
            assertThat(note.path("ref").asText()).isEqualTo("refs/notes/commits");
            assertThat(note.path("path").asText()).isEqualTo(c.name());
            JsonNode blob = locations(entry(inv, tagged), "git").get(0);
            assertThat(blob.path("ref").asText()).isEqualTo("refs/tags/just-a-blob");
            assertThat(blob.path("path").asText()).isEqualTo("refs/tags/just-a-blob");
            assertThat(blob.has("commit")).isFalse();
        }
    }

    @Test
    void partialCloneSaysWhyObjectsAreMissing() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("a.txt", "a\n");
            repo.commit("one", "Dana Ops", day(0));
            repo.git().gc().call();
            Path packs = repo.repo().getDirectory().toPath().resolve("objects/pack");
            try (Stream<Path> s = Files.list(packs)) {
                for (Path pack : s.filter(p -> p.toString().endsWith(".pack")).toList()) {
                    Files.writeString(Path.of(pack.toString().replaceAll("\\.pack$", ".promisor")), "");
                }
            }
            // the marker alone: every object is there, the scan is complete and says what it saw
            Cli.Result r = scan(dir);
            assertThat(r.code()).isEqualTo(0);
            JsonNode w = warning(r.json(), "partial-clone");
            assertThat(w.path("incomplete").asBoolean()).isFalse();
            assertThat(r.json().path("scan").path("complete").asBoolean()).isTrue();

            // an object the filter left on the remote: named, and the scan is incomplete
            String plain = "notes " + TestSecrets.alnum(12) + "\n";
            ObjectId missing = repo.insertBlob(plain.getBytes(StandardCharsets.UTF_8));
            repo.write("c.txt", plain);
            repo.commit("two", "Dana Ops", day(1));
            Files.delete(repo.looseObject(missing));
            Cli.Result cut = scan(dir);
            assertThat(cut.code()).isEqualTo(3);
            assertThat(warning(cut.json(), "git-object-unreadable").path("message").asText()).contains(missing.name());
        }
    }
}
