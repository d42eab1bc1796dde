package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sprawl.TestSecrets;
import dev.sprawl.source.git.TestRepo;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of the bad-input catalogue (RESEARCH §5) that no other test covers, plus resource limits
 * on hostile trees; each runs the whole CLI and names the behaviour docs/bad-input.md promises
 * (warning code, complete or not, exit code). Secrets are generated; hostile trees are built here.
 */
class BadInputCatalogueTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String line(String secret) {
        return "export GITHUB_TOKEN=" + secret + "\n";
    }

    private static List<String> paths(JsonNode inv) {
        List<String> out = new ArrayList<>();
        inv.path("secrets").forEach(s -> s.path("locations").forEach(l -> out.add(l.path("path").asText())));
        return out;
    }

    private static List<String> codes(JsonNode inv) {
        List<String> out = new ArrayList<>();
        inv.at("/scan/warnings").forEach(w -> out.add(w.path("code").asText()));
        return out;
    }

    private static void sh(Path cwd, String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    /** CRLF, a UTF-8 BOM and UTF-16 with its BOM are text; an empty file is nothing; a binary file is skipped and said so. */
    @Test
    void encodingsLineEndingsEmptyAndBinaryFiles() throws Exception {
        String crlf = TestSecrets.githubToken("ghp_");
        String bom = TestSecrets.githubToken("ghp_");
        String utf16 = TestSecrets.githubToken("ghp_");
        String binary = TestSecrets.githubToken("ghp_");
        Files.writeString(dir.resolve("crlf.env"), line(crlf).replace("\n", "\r\n"));
        Files.writeString(dir.resolve("bom.env"), "\uFEFF" + line(bom));
        Files.write(dir.resolve("utf16.env"), ("\uFEFF" + line(utf16)).getBytes(StandardCharsets.UTF_16LE));
        Files.write(dir.resolve("empty.txt"), new byte[0]);
        byte[] bin = new byte[4096];
        new java.util.Random(5).nextBytes(bin);
        byte[] tail = line(binary).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tail, 0, bin, 100, tail.length);
        Files.write(dir.resolve("blob.bin"), bin);

        Cli.Result r = Cli.run("scan", dir.toString(), "-f", "json");
        JsonNode inv = r.json();
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.SECRETS.code());
        assertThat(paths(inv)).contains("crlf.env", "bom.env", "utf16.env").doesNotContain("empty.txt", "blob.bin");
        assertThat(codes(inv)).contains("binary-skipped");
        assertThat(inv.at("/scan/complete").asBoolean()).isTrue();
        assertThat(r.out() + r.err()).doesNotContain(crlf).doesNotContain(bom).doesNotContain(utf16);
    }

    /**
     * File names with a newline, terminal escapes and bytes that are not UTF-8: the secrets in them are
     * found, the JSON stays valid and carries the names escaped, and no human format writes a raw ESC.
     */
    @Test
    void hostileFileNamesAreEscapedInEveryReport() throws Exception {
        String secret = TestSecrets.githubToken("ghp_");
        Files.writeString(dir.resolve("new\nline.env"), line(secret));
        Files.writeString(dir.resolve("esc\u001b]0;pwned\u0007\u001b[31mred.env"), line(secret));
        // a name that is not UTF-8 can only be made below Java's String-based file API
        Files.writeString(dir.resolve("body.txt"), line(secret));
        sh(dir, "cp body.txt \"$(printf 'bad\\377\\376name.env')\" && rm body.txt");

        Cli.Result json = Cli.run("scan", dir.toString(), "-f", "json");
        assertThat(json.code()).as(json.err()).isEqualTo(ExitCode.SECRETS.code());
        List<String> paths = paths(json.json());
        assertThat(paths).hasSize(3).contains("new\nline.env", "esc\u001b]0;pwned\u0007\u001b[31mred.env");
        assertThat(paths).anyMatch(p -> p.startsWith("bad") && p.endsWith("name.env"));
        assertThat(json.out()).doesNotContain("\u001b").contains("\\u001B");
        for (String format : new String[] {"table", "csv", "markdown", "sarif", "html"}) {
            Cli.Result r = Cli.run("scan", dir.toString(), "-f", format);
            assertThat(r.out() + r.err()).as(format).doesNotContain("\u001b").doesNotContain("\u0007")
                    .doesNotContain(secret);
        }
    }

    /**
     * A 1 GiB one-line file (sparse, so the test writes nothing): under the default limit it is skipped
     * at once; with a limit raised past the heap it is still skipped, never read into a JVM that would
     * run out of memory (which once left a complete, clean-looking report). The child JVM has 256 MiB.
     */
    @Test
    void oneGibibyteSingleLineFileIsSkippedWithinBoundedMemory() throws Exception {
        String secret = TestSecrets.githubToken("ghp_");
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("huge.txt").toFile(), "rw")) {
            f.setLength(1L << 30);
        }
        Files.writeString(dir.resolve("small.env"), line(secret));
        for (String[] extra : new String[][] {{}, {"--max-file-size", "2G"}}) {
            List<String> args = new ArrayList<>(List.of("scan", dir.toString(), "-f", "json"));
            args.addAll(List.of(extra));
            SafetyTest.Run r = SafetyTest.guarded(List.of(), args.toArray(new String[0]));
            assertThat(r.err()).doesNotContain("OutOfMemoryError").doesNotContain("NETWORK-ATTEMPT");
            JsonNode inv = JSON.readTree(r.out());
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.SECRETS.code());
            assertThat(inv.at("/scan/complete").asBoolean()).isFalse();
            assertThat(inv.at("/scan/warnings/0/code").asText()).isEqualTo("file-too-large");
            assertThat(inv.at("/scan/warnings/0/path").asText()).isEqualTo("huge.txt");
            assertThat(paths(inv)).containsExactly("small.env");
        }
        Files.delete(dir.resolve("small.env"));
        SafetyTest.Run clean = SafetyTest.guarded(List.of(), "scan", dir.toString(), "-f", "json");
        assertThat(clean.code()).as("nothing found but a file skipped: incomplete, not clean").isEqualTo(ExitCode.INCOMPLETE.code());
    }

    /**
     * 200,000 empty files (a million takes over a minute to make on the 2-core CI machine; the walk is
     * the same) and one secret among them: all are counted, the scan is complete.
     */
    @Test
    void twoHundredThousandEmptyFiles() throws Exception {
        String secret = TestSecrets.githubToken("ghp_");
        Path root = Files.createDirectories(dir.resolve("many"));
        for (int d = 0; d < 200; d++) {
            Path sub = Files.createDirectory(root.resolve("d" + d));
            for (int i = 0; i < 1000; i++) {
                Files.createFile(sub.resolve("f" + i));
            }
        }
        Files.writeString(root.resolve("d7/f7"), line(secret));
        Cli.Result r = Cli.run("scan", root.toString(), "-f", "json");
        JsonNode inv = r.json();
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.SECRETS.code());
        assertThat(inv.at("/scan/stats/blobs").asLong()).isEqualTo(200_000);
        assertThat(inv.at("/scan/complete").asBoolean()).isTrue();
        assertThat(paths(inv)).containsExactly("d7/f7");
    }

    /**
     * 10,000 nested folders: the walk does not recurse on the stack; past the system's path length
     * (PATH_MAX) folders cannot be opened, which is an {@code unreadable} warning and an incomplete
     * scan; a secret above that depth is found.
     */
    @Test
    void tenThousandLevelsOfNesting() throws Exception {
        String secret = TestSecrets.githubToken("ghp_");
        Path root = Files.createTempDirectory("sprawl-deep");
        try {
            String chunk = "d/".repeat(1000);
            Files.writeString(root.resolve("secret.env"), line(secret));
            // a shell walks down relatively; Java's file API needs whole paths, which stop at PATH_MAX
            sh(root, "i=0; while [ $i -lt 10 ]; do mkdir -p " + chunk + " && cd -P " + chunk + " || exit 1; "
                    + "i=$((i+1)); done; echo x > deepest.txt");
            Cli.Result r = Cli.run("scan", root.toString(), "-f", "json");
            JsonNode inv = r.json();
            assertThat(r.err()).doesNotContain("StackOverflowError");
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.SECRETS.code());
            assertThat(paths(inv)).containsExactly("secret.env");
            assertThat(inv.at("/scan/complete").asBoolean()).isFalse();
            assertThat(codes(inv)).contains("unreadable");
        } finally {
            new ProcessBuilder("rm", "-rf", root.toString()).start().waitFor(120, TimeUnit.SECONDS);
        }
    }

    /** A link to /dev/zero and a FIFO in the scanned folder: neither is read (reading either never ends). */
    @Test
    void devZeroLinkAndFifoAreNotRead() throws Exception {
        String secret = TestSecrets.githubToken("ghp_");
        Files.writeString(dir.resolve("app.env"), line(secret));
        Files.createSymbolicLink(dir.resolve("zero"), Path.of("/dev/zero"));
        sh(dir, "mkfifo pipe");
        Cli.Result r = Cli.run("scan", dir.toString(), "-f", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.SECRETS.code());
        assertThat(paths(r.json())).containsExactly("app.env");
    }

    /**
     * {@code include.path} naming /dev/zero, a FIFO or a file outside the repository is never read
     * (JGit would read it whole: /dev/zero ran the scan out of memory).
     */
    @Test
    void configIncludesAreNeverFollowed() throws Exception {
        String secret = TestSecrets.githubToken("ghp_");
        Path repoDir = Files.createDirectories(dir.resolve("repo"));
        sh(dir, "mkfifo include.fifo");
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("app.sh", line(secret));
            repo.commit("one", "Dana Ops", TestRepo.T0);
            Path config = repo.repo().getDirectory().toPath().resolve("config");
            Files.writeString(config, Files.readString(config) + "[include]\n\tpath = /dev/zero\n\tpath = "
                    + dir.resolve("include.fifo") + "\n");
        }
        Cli.Result r = Cli.run("scan", repoDir.toString(), "-f", "json");
        assertThat(r.err()).doesNotContain("OutOfMemoryError");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.SECRETS.code());
        assertThat(r.json().at("/scan/complete").asBoolean()).isTrue();
        assertThat(paths(r.json())).contains("app.sh");
    }

    /** A {@code .git} file pointing nowhere: the files are scanned, the history is said to be missing. */
    @Test
    void dotGitFilePointingNowhere() throws Exception {
        String secret = TestSecrets.githubToken("ghp_");
        Files.writeString(dir.resolve(".git"), "gitdir: " + dir.resolve("gone/worktrees/x") + "\n");
        Files.writeString(dir.resolve("app.env"), line(secret));
        Cli.Result r = Cli.run("scan", dir.toString(), "-f", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.SECRETS.code());
        assertThat(codes(r.json())).contains("git-unreadable");
        assertThat(r.json().at("/scan/complete").asBoolean()).isFalse();
        assertThat(paths(r.json())).contains("app.env");
    }

    /**
     * History written by a broken tool: a commit whose dates are not numbers and a tree entry whose
     * name is not UTF-8. The secret is found, the JSON is valid, the bad date is null rather than a guess.
     */
    @Test
    void malformedTimestampsAndNonUtf8PathsInHistory() throws Exception {
        String secret = TestSecrets.githubToken("ghp_");
        Path repoDir = Files.createDirectories(dir.resolve("repo"));
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("README", "hello\n");
            repo.commit("one", "Dana Ops", TestRepo.T0);
            try (ObjectInserter ins = repo.repo().newObjectInserter()) {
                ObjectId blob = ins.insert(Constants.OBJ_BLOB, line(secret).getBytes(StandardCharsets.UTF_8));
                TreeFormatter tree = new TreeFormatter();
                byte[] name = {'b', 'a', 'd', (byte) 0xFF, (byte) 0xFE, '.', 'e', 'n', 'v'};
                tree.append(name, 0, name.length, FileMode.REGULAR_FILE, blob);
                ObjectId treeId = ins.insert(tree);
                ObjectId parent = repo.repo().resolve("HEAD");
                String raw = "tree " + treeId.name() + "\nparent " + parent.name()
                        + "\nauthor Broken Tool <tool@example.test> notatime +99x9\n"
                        + "committer Broken Tool <tool@example.test> -12 zz\n\nbroken dates\n";
                ObjectId commit = ins.insert(Constants.OBJ_COMMIT, raw.getBytes(StandardCharsets.UTF_8));
                ins.flush();
                RefUpdate u = repo.repo().updateRef(repo.repo().getFullBranch());
                u.setNewObjectId(commit);
                u.forceUpdate();
            }
        }
        Cli.Result r = Cli.run("scan", repoDir.toString(), "-f", "json");
        JsonNode inv = r.json();
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.SECRETS.code());
        assertThat(paths(inv)).anyMatch(p -> p.startsWith("bad") && p.endsWith(".env"));
        assertThat(r.out()).doesNotContain(secret);
    }

    /**
     * A YAML file with the classic deserialisation gadget: it is parsed as a tree (safe loading), never
     * turned into objects, so the class loader it names never calls the loopback server it points to.
     */
    @Test
    void yamlGadgetTagsConstructNothing() throws Exception {
        String secret = TestSecrets.githubToken("ghp_");
        CountingListener server = new CountingListener();
        try (server) {
            String url = "http://127.0.0.1:" + server.port() + "/";
            Files.writeString(dir.resolve("config.yml"), "token: " + secret + "\n"
                    + "gadget: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\""
                    + url + "\"]]]]\nother: !!java.io.FileOutputStream [\"" + dir.resolve("written") + "\"]\n");
            Cli.Result r = Cli.run("scan", dir.toString(), "-f", "json");
            assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.SECRETS.code());
            assertThat(paths(r.json())).contains("config.yml");
        }
        assertThat(server.connections()).isZero();
        assertThat(dir.resolve("written")).doesNotExist();
    }

    /** A user rule whose pattern matches the empty string is refused before scanning, with its file and id. */
    @Test
    void emptyMatchingUserRuleIsAUsageError() throws Exception {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, """
                rules:
                  - id: matches-nothing-at-all
                    name: Empty
                    provider: me
                    category: token
                    keywords: [x]
                    pattern: '(?<secret>x*)'
                """);
        Files.writeString(dir.resolve("a.txt"), "hello\n");
        Cli.Result r = Cli.run("scan", dir.toString(), "--rules", rules.toString(), "-f", "json");
        assertThat(r.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("rules.yml").contains("matches-nothing-at-all").contains("empty string");
    }

    /** A file with a hundred thousand hits of one rule: matches are capped per file with a warning. */
    @Test
    void millionsOfHitsAreCappedPerFile() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            b.append("k=").append(TestSecrets.githubToken("ghp_")).append('\n');
        }
        Files.writeString(dir.resolve("dump.txt"), b);
        Cli.Result r = Cli.run("scan", dir.toString(), "-f", "json");
        JsonNode inv = r.json();
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.SECRETS.code());
        assertThat(codes(inv)).contains("match-limit");
        assertThat(inv.path("secrets").size()).isLessThanOrEqualTo(dev.sprawl.detect.Detector.DEFAULT_MAX_MATCHES_PER_BLOB);
    }
}
