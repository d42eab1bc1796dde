package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.TestSecrets;
import dev.sprawl.detect.SecretValue;
import dev.sprawl.source.git.TestRepo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git repositories through the whole CLI: history of every ref, provenance, working-tree changes and
 * the CI and hook modes. Every repository is built by the test with JGit.
 */
class GitScanTest {

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

    static JsonNode entry(JsonNode inv, String secret) {
        String fp = new SecretValue(secret).fingerprint();
        for (JsonNode s : inv.path("secrets")) {
            if (s.path("fingerprint").asText().equals(fp)) {
                return s;
            }
        }
        return null;
    }

    static List<JsonNode> locations(JsonNode entry, String source) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode l : entry.path("locations")) {
            if (l.path("source").asText().equals(source)) {
                out.add(l);
            }
        }
        return out;
    }

    static boolean hasFinding(JsonNode entry, String code) {
        for (JsonNode f : entry.path("findings")) {
            if (f.path("code").asText().equals(code)) {
                return true;
            }
        }
        return false;
    }

    static JsonNode warning(JsonNode inv, String code) {
        for (JsonNode w : inv.at("/scan/warnings")) {
            if (w.path("code").asText().equals(code)) {
                return w;
            }
        }
        return null;
    }

    private static Cli.Result scan(Path target, String... more) {
        List<String> args = new ArrayList<>(List.of("scan", target.toString(), "-f", "json"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void findsSecretsInHeadDeletedFilesUnmergedBranchesAndBehindTags() throws Exception {
        String inHead = token();
        String deleted = token();
        String unmerged = token();
        String tagged = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write(".github/CODEOWNERS", "/old/ @acme/platform\n");
            repo.write("config/app.env", line(inHead));
            repo.write("old/creds.sh", line(deleted));
            RevCommit c1 = repo.commit("first", "Dana Ops", day(0));
            repo.delete("old/creds.sh");
            RevCommit c2 = repo.commit("remove creds", "Sam Sec", day(1));
            repo.branch("feature").checkout("feature");
            repo.write("feature.sh", line(unmerged));
            RevCommit c3 = repo.commit("feature work", "Fay Dev", day(2));
            repo.checkout("main").branch("release").checkout("release");
            repo.write("release.sh", line(tagged));
            RevCommit c4 = repo.commit("release only", "Rel Eng", day(3));
            repo.tag("v1.0");
            repo.checkout("main").deleteBranch("release");

            Cli.Result r = scan(dir);
            assertThat(r.code()).as(r.err()).isEqualTo(1);
            JsonNode inv = r.json();
            assertThat(inv.at("/scan/complete").asBoolean()).as(inv.at("/scan/warnings").toString()).isTrue();
            assertThat(inv.at("/scan/stats/commits").asInt()).isEqualTo(4);

            JsonNode head = entry(inv, inHead);
            assertThat(head).isNotNull();
            assertThat(locations(head, "file")).as("unchanged tracked file is not reported twice").isEmpty();
            JsonNode l = locations(head, "git").get(0);
            assertThat(l.path("path").asText()).isEqualTo("config/app.env");
            assertThat(l.path("commit").asText()).isEqualTo(c1.name());
            assertThat(l.path("author").asText()).isEqualTo("Dana Ops <dana.ops@acme.test>");
            assertThat(l.path("date").asText()).isEqualTo("2024-03-02T08:00:00Z");
            assertThat(l.path("ref").asText()).isEqualTo("refs/heads/main");
            assertThat(l.path("inHead").asBoolean()).isTrue();
            assertThat(l.has("removedIn")).isFalse();
            assertThat(hasFinding(head, "history-only")).isFalse();

            JsonNode gone = entry(inv, deleted);
            l = locations(gone, "git").get(0);
            assertThat(l.path("path").asText()).isEqualTo("old/creds.sh");
            assertThat(l.path("commit").asText()).isEqualTo(c1.name());
            assertThat(l.path("inHead").asBoolean()).isFalse();
            assertThat(l.path("removedIn").asText()).isEqualTo(c2.name());
            assertThat(l.path("removedAt").asText()).isEqualTo("2024-03-03T08:00:00Z");
            assertThat(hasFinding(gone, "history-only")).isTrue();
            assertThat(gone.at("/owner/name").asText()).as("HEAD's CODEOWNERS owns historical paths")
                    .isEqualTo("@acme/platform");

            JsonNode branch = entry(inv, unmerged);
            l = locations(branch, "git").get(0);
            assertThat(l.path("commit").asText()).isEqualTo(c3.name());
            assertThat(l.path("ref").asText()).isEqualTo("refs/heads/feature");
            assertThat(l.path("author").asText()).isEqualTo("Fay Dev <fay.dev@acme.test>");
            assertThat(l.path("inHead").asBoolean()).isFalse();
            assertThat(l.has("removedIn")).as("never on HEAD's line").isFalse();
            assertThat(hasFinding(branch, "history-only")).isTrue();

            JsonNode tag = entry(inv, tagged);
            l = locations(tag, "git").get(0);
            assertThat(l.path("commit").asText()).isEqualTo(c4.name());
            assertThat(l.path("ref").asText()).isEqualTo("refs/tags/v1.0");
            assertThat(inv.path("secrets")).hasSize(4);
        }
    }

    @Test
    void mergesAndRenamesKeepEveryPathWithItsIntroducingCommit() throws Exception {
        String secret = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("README.md", "hello\n");
            repo.commit("init", "Dana Ops", day(0));
            repo.branch("topic").checkout("topic");
            repo.write("deploy/old.sh", line(secret));
            RevCommit added = repo.commit("add deploy", "Fay Dev", day(1));
            repo.checkout("main");
            repo.write("NOTES.md", "notes\n");
            repo.commit("notes", "Dana Ops", day(2));
            repo.merge("topic", "Dana Ops", day(3));
            repo.move("deploy/old.sh", "deploy/new.sh");
            RevCommit renamed = repo.commit("rename", "Sam Sec", day(4));

            JsonNode inv = scan(dir).json();
            JsonNode s = entry(inv, secret);
            List<JsonNode> git = locations(s, "git");
            assertThat(git).hasSize(2);
            JsonNode now = git.get(0);
            JsonNode before = git.get(1);
            assertThat(now.path("path").asText()).isEqualTo("deploy/new.sh");
            assertThat(now.path("commit").asText()).isEqualTo(renamed.name());
            assertThat(now.path("inHead").asBoolean()).isTrue();
            assertThat(before.path("path").asText()).isEqualTo("deploy/old.sh");
            assertThat(before.path("commit").asText()).as("introduced on the branch, before the merge")
                    .isEqualTo(added.name());
            assertThat(before.path("ref").asText()).as("merged: main contains it").isEqualTo("refs/heads/main");
            assertThat(before.path("inHead").asBoolean()).isFalse();
            assertThat(before.path("removedIn").asText()).isEqualTo(renamed.name());
            assertThat(hasFinding(s, "history-only")).isFalse();
            assertThat(inv.at("/scan/stats/commits").asInt()).isEqualTo(5);
        }
    }

    @Test
    void eachDistinctBlobIsScannedOnce() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("a.txt", "same content\n").write("b.txt", "same content\n");
            repo.commit("one", "Dana Ops", day(0));
            for (int i = 0; i < 5; i++) {
                repo.write("counter.txt", "n=" + i + "\n");
                repo.commit("bump " + i, "Dana Ops", day(i + 1));
            }
            JsonNode inv = scan(dir).json();
            // one shared blob for a.txt and b.txt, five versions of counter.txt, plus .git/config on disk
            assertThat(inv.at("/scan/stats/blobs").asInt()).isEqualTo(1 + 5 + 1);
            assertThat(inv.at("/scan/stats/commits").asInt()).isEqualTo(6);
        }
    }

    @Test
    void workingTreeChangesAreFileLocations() throws Exception {
        String committed = token();
        String modified = token();
        String untracked = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("app.sh", line(committed));
            repo.write("keep.sh", "echo hi\n");
            RevCommit c1 = repo.commit("one", "Dana Ops", day(0));
            repo.write("keep.sh", line(modified));
            repo.write("new/untracked.sh", line(untracked));

            JsonNode inv = scan(dir).json();
            JsonNode c = entry(inv, committed);
            assertThat(locations(c, "file")).isEmpty();
            assertThat(locations(c, "git").get(0).path("commit").asText()).isEqualTo(c1.name());
            JsonNode m = entry(inv, modified);
            assertThat(locations(m, "git")).isEmpty();
            assertThat(locations(m, "file").get(0).path("path").asText()).isEqualTo("keep.sh");
            assertThat(hasFinding(m, "history-only")).isFalse();
            JsonNode u = entry(inv, untracked);
            assertThat(locations(u, "file").get(0).path("path").asText()).isEqualTo("new/untracked.sh");
        }
    }

    @Test
    void sinceReportsOnlyWhatTheNewCommitsAdd() throws Exception {
        String old = token();
        String revived = token();
        String added = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("conf/app.sh", line(old));
            repo.write("legacy.sh", line(revived));
            repo.commit("base", "Dana Ops", day(0));
            repo.delete("legacy.sh");
            RevCommit base = repo.commit("drop legacy", "Dana Ops", day(1));
            repo.branch("pr").checkout("pr");
            repo.move("conf/app.sh", "conf/renamed.sh");
            repo.commit("rename", "Fay Dev", day(2));
            repo.write("legacy.sh", line(revived));
            repo.commit("revert the removal", "Fay Dev", day(3));
            Cli.Result clean = scan(dir, "--since", base.name());
            assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
            assertThat(clean.json().path("secrets")).isEmpty();
            assertThat(clean.json().at("/scan/stats/commits").asInt()).isEqualTo(2);

            repo.write("new.sh", line(added));
            RevCommit c = repo.commit("new secret", "Fay Dev", day(4));
            Cli.Result r = scan(dir, "--since", "main");
            assertThat(r.code()).isEqualTo(1);
            JsonNode inv = r.json();
            assertThat(inv.path("secrets")).hasSize(1);
            JsonNode l = locations(entry(inv, added), "git").get(0);
            assertThat(l.path("commit").asText()).isEqualTo(c.name());
            assertThat(l.path("ref").asText()).isEqualTo("refs/heads/pr");
            assertThat(l.path("inHead").asBoolean()).isTrue();
        }
    }

    @Test
    void stagedReportsOnlyTheIndexAgainstHead() throws Exception {
        String committed = token();
        String staged = token();
        String unstaged = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("app.sh", line(committed));
            repo.commit("one", "Dana Ops", day(0));
            repo.write("staged.sh", line(staged));
            repo.git().add().addFilepattern("staged.sh").call();
            repo.write("unstaged.sh", line(unstaged));

            Cli.Result r = scan(dir, "--staged");
            assertThat(r.code()).isEqualTo(1);
            JsonNode inv = r.json();
            assertThat(inv.path("secrets")).hasSize(1);
            JsonNode l = entry(inv, staged).path("locations").get(0);
            assertThat(l.path("source").asText()).isEqualTo("git");
            assertThat(l.path("path").asText()).isEqualTo("staged.sh");
            assertThat(l.path("staged").asBoolean()).isTrue();
            assertThat(inv.at("/scan/stats/commits").asInt()).isZero();
            assertThat(hasFinding(entry(inv, staged), "history-only")).isFalse();
        }
    }

    @Test
    void noHistoryScansTheWorkingTreeOnly() throws Exception {
        String gone = token();
        String present = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("old.sh", line(gone));
            repo.commit("one", "Dana Ops", day(0));
            repo.delete("old.sh");
            repo.write("app.sh", line(present));
            repo.commit("two", "Dana Ops", day(1));
            JsonNode inv = scan(dir, "--no-history").json();
            assertThat(entry(inv, gone)).isNull();
            assertThat(locations(entry(inv, present), "file")).hasSize(1);
            assertThat(inv.at("/scan/stats/commits").asInt()).isZero();
        }
    }

    @Test
    void refLimitsTheHistory() throws Exception {
        String onBranch = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("README.md", "hi\n");
            repo.commit("one", "Dana Ops", day(0));
            repo.branch("feature").checkout("feature");
            repo.write("f.sh", line(onBranch));
            repo.commit("two", "Dana Ops", day(1));
            repo.checkout("main");
            assertThat(entry(scan(dir, "--ref", "main").json(), onBranch)).isNull();
            JsonNode inv = scan(dir, "--ref", "feature").json();
            assertThat(locations(entry(inv, onBranch), "git").get(0).path("ref").asText())
                    .isEqualTo("refs/heads/feature");
        }
    }

    @Test
    void gitFlagsAreCheckedBeforeScanning() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThat(scan(plain, "--since", "HEAD~1").code()).isEqualTo(2);
        assertThat(scan(plain, "--staged").err()).contains("not a git repository");
        try (TestRepo repo = TestRepo.init(dir.resolve("repo"))) {
            repo.write("a.txt", "a\n");
            repo.commit("one", "Dana Ops", day(0));
            Path r = repo.dir();
            assertThat(scan(r, "--since", "no-such-rev").code()).isEqualTo(2);
            assertThat(scan(r, "--ref", "no-such-branch").code()).isEqualTo(2);
            assertThat(scan(r, "--staged", "--since", "HEAD").code()).isEqualTo(2);
            assertThat(scan(r, "--no-history", "--ref", "main").code()).isEqualTo(2);
            assertThat(scan(r, "--since", "HEAD").code()).isZero();
        }
    }

    @Test
    void emptyRepositoryIsACleanCompleteScan() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            Cli.Result r = scan(dir);
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(r.json().at("/scan/complete").asBoolean()).isTrue();
            assertThat(r.json().at("/scan/warnings")).isEmpty();
            String untracked = token();
            repo.write("a.sh", line(untracked));
            JsonNode inv = scan(dir).json();
            assertThat(locations(entry(inv, untracked), "file")).hasSize(1);
        }
    }

    @Test
    void bareRepositoryIsScannedWithHeadsCodeOwners() throws Exception {
        String secret = token();
        Path work = dir.resolve("work");
        try (TestRepo repo = TestRepo.init(work)) {
            repo.write("CODEOWNERS", "*.sh @acme/ops\n");
            repo.write("deploy.sh", line(secret));
            repo.commit("one", "Dana Ops", day(0));
        }
        Path bare = dir.resolve("bare.git");
        Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
        JsonNode inv = scan(bare).json();
        JsonNode s = entry(inv, secret);
        JsonNode l = locations(s, "git").get(0);
        assertThat(l.path("inHead").asBoolean()).isTrue();
        assertThat(l.path("ref").asText()).isEqualTo("refs/heads/main");
        assertThat(s.at("/owner/name").asText()).isEqualTo("@acme/ops");
    }

    @Test
    void workingTreeWhoseGitIsAFileIsScanned() throws Exception {
        String secret = token();
        Path work = dir.resolve("work");
        try (TestRepo repo = TestRepo.initSeparate(work, dir.resolve("elsewhere.git"))) {
            assertThat(work.resolve(".git")).isRegularFile();
            repo.write("deploy.sh", line(secret));
            repo.commit("one", "Dana Ops", day(0));
            repo.delete("deploy.sh");
            repo.commit("two", "Dana Ops", day(1));
        }
        JsonNode s = entry(scan(work).json(), secret);
        assertThat(locations(s, "git").get(0).path("removedIn").asText()).isNotEmpty();
    }

    @Test
    void packedHistoryIsDetectedIncrementallyWithTheSameResults() throws Exception {
        String early = token();
        String late = token();
        try (TestRepo repo = TestRepo.init(dir)) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 400; i++) {
                body.append("    public static final String LABEL_").append(i).append(" = \"label ").append(i).append("\";\n");
            }
            List<RevCommit> commits = new ArrayList<>();
            String text = "class Config {\n" + line(early) + body;
            for (int v = 0; v < 25; v++) {
                text = text.replace("LABEL_" + (v * 7) + " ", "RENAMED_" + (v * 7) + " ");
                if (v == 12) {
                    text = text.replace("LABEL_200 ", "LABEL_200 /* " + line(late).strip() + " */ ");
                }
                repo.write("src/Config.java", text + "}\n");
                commits.add(repo.commit("version " + v, "Dana Ops", day(v)));
            }
            repo.git().gc().setAggressive(true).call();
            JsonNode inv = scan(dir).json();
            JsonNode e = entry(inv, early);
            List<JsonNode> git = locations(e, "git");
            assertThat(git).as("one location per version").hasSize(25);
            for (int v = 0; v < 25; v++) {
                JsonNode l = git.get(v);
                assertThat(l.path("commit").asText()).isEqualTo(commits.get(v).name());
                assertThat(l.path("line").asInt()).isEqualTo(2);
                assertThat(l.path("inHead").asBoolean()).isEqualTo(v == 24);
            }
            JsonNode lateEntry = entry(inv, late);
            List<JsonNode> lateGit = locations(lateEntry, "git");
            assertThat(lateGit).hasSize(13);
            assertThat(lateGit.get(0).path("commit").asText()).isEqualTo(commits.get(12).name());
            assertThat(lateGit.get(0).path("line").asInt()).isEqualTo(2 + 200 + 1);
        }
    }

    /**
     * The engine rules (credential-named assignments in many syntaxes, URL passwords with their
     * identity) give the same result in a packed history, where delta-derived blobs are detected only
     * near their edits, as in a folder holding every version in full: the same secrets, rules,
     * confidences and attributes, at the same lines, with the same identities.
     */
    @Test
    void engineRulesInPackedHistoryEqualAFullScanOfEveryVersion() throws Exception {
        java.util.Random rnd = new java.util.Random(15);
        String[] forms = {"mailrelay_key=%s", "TRACKR_KEY %s", "billingSecretKey: \"%s\"", "feed key = %s",
            "<Pass>%s</Pass>", "vendor-api-token := \"%s\"", "DB_PASSWORD=%s", "tool --password %s --user ops",
            "DATABASE_URL=postgres://svc-orders:%s@db.internal:5432/orders", "orbit.secret = '%s'",
            "password: 1234567890abcdef%s", "Authorization: Bearer %s"};
        Path folder = Files.createDirectories(dir.resolve("versions"));
        Path repoDir = Files.createDirectories(dir.resolve("repo"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            lines.add("setting_" + i + " = value " + i);
        }
        List<RevCommit> commits = new ArrayList<>();
        try (TestRepo repo = TestRepo.init(repoDir)) {
            for (int v = 0; v < 16; v++) {
                for (int e = 0; e < 3; e++) {
                    int at = rnd.nextInt(lines.size());
                    String value = rnd.nextInt(3) == 0 ? TestSecrets.password() : TestSecrets.alnum(12 + rnd.nextInt(20));
                    String form = forms[rnd.nextInt(forms.length)];
                    switch (rnd.nextInt(3)) {
                        case 0 -> lines.add(at, form.replace("%s", value));
                        case 1 -> lines.set(at, form.replace("%s", value));
                        default -> lines.remove(at);
                    }
                }
                String text = String.join("\n", lines) + "\n";
                repo.write("conf/app.env", text);
                commits.add(repo.commit("version " + v, "Dana Ops", day(v)));
                Files.createDirectories(folder.resolve("v" + v + "/conf"));
                Files.writeString(folder.resolve("v" + v + "/conf/app.env"), text);
            }
            repo.git().gc().setAggressive(true).call();
        }
        java.util.Map<String, Integer> version = new java.util.HashMap<>();
        for (int v = 0; v < commits.size(); v++) {
            version.put(commits.get(v).name(), v);
        }
        java.util.Set<String> fromGit = new java.util.TreeSet<>();
        for (JsonNode sec : scan(repoDir, "--fail-on", "never").json().path("secrets")) {
            for (JsonNode l : locations(sec, "git")) {
                fromGit.add(sec.path("fingerprint").asText() + " " + sec.path("rule").asText() + " "
                        + sec.path("confidence").asText() + " " + sec.path("attributes") + " v"
                        + version.get(l.path("commit").asText()) + ":" + l.path("line").asInt() + " " + l.path("identity"));
            }
        }
        java.util.Set<String> fromFolder = new java.util.TreeSet<>();
        for (JsonNode sec : scan(folder, "--fail-on", "never").json().path("secrets")) {
            for (JsonNode l : sec.path("locations")) {
                String path = l.path("path").asText();
                fromFolder.add(sec.path("fingerprint").asText() + " " + sec.path("rule").asText() + " "
                        + sec.path("confidence").asText() + " " + sec.path("attributes") + " "
                        + path.substring(0, path.indexOf('/')) + ":" + l.path("line").asInt() + " " + l.path("identity"));
            }
        }
        assertThat(fromGit).as("engine findings were exercised").hasSizeGreaterThan(20);
        assertThat(fromFolder).containsAll(fromGit);
        java.util.Set<String> missing = new java.util.TreeSet<>(fromFolder);
        missing.removeAll(fromGit);
        assertThat(missing).as("found in a full scan of a version but not in its commit").isEmpty();
    }
}
