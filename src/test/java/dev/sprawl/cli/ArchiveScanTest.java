package dev.sprawl.cli;

import static dev.sprawl.TestArchives.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.TestArchives;
import dev.sprawl.TestSecrets;
import dev.sprawl.detect.SecretValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives found in a scanned folder: formats, nesting, member paths, owners, budgets, hostile input. */
class ArchiveScanTest {

    @TempDir
    Path dir;

    static JsonNode entry(JsonNode inv, String secret) {
        String fp = new SecretValue(secret).fingerprint();
        for (JsonNode s : inv.path("secrets")) {
            if (s.path("fingerprint").asText().equals(fp)) {
                return s;
            }
        }
        throw new AssertionError("secret not found; inventory: " + inv.toPrettyString());
    }

    static List<String> paths(JsonNode entry) {
        List<String> out = new ArrayList<>();
        entry.path("locations").forEach(l -> out.add(l.path("path").asText()));
        return out;
    }

    static List<String> warningCodes(JsonNode inv) {
        List<String> out = new ArrayList<>();
        inv.path("scan").path("warnings").forEach(w -> out.add(w.path("code").asText()));
        return out;
    }

    private Path write(String rel, byte[] content) throws Exception {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.write(p, content);
    }

    @Test
    void jarInsideAFolderIsScannedWithOuterInnerPathsAndTheJarsOwner() throws Exception {
        String password = TestSecrets.password();
        String token = TestSecrets.githubToken("ghp_");
        Map<String, byte[]> inner = new LinkedHashMap<>();
        inner.put("config.yml", utf8("github:\n  token: " + token + "\n"));
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("META-INF/MANIFEST.MF", utf8("Manifest-Version: 1.0\n"));
        outer.put("BOOT-INF/classes/application.properties", utf8("spring.datasource.password=" + password + "\n"));
        outer.put("BOOT-INF/lib/inner.jar", TestArchives.zip(inner));
        outer.put("BOOT-INF/classes/App.class", new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 0, 0, 61});
        write("lib/app.jar", TestArchives.zip(outer));
        write(".github/CODEOWNERS", utf8("/lib/ @acme/java\n"));

        Cli.Result r = Cli.run("scan", "-f", "json", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode inv = r.json();
        assertThat(inv.path("scan").path("complete").asBoolean()).isTrue();
        JsonNode pw = entry(inv, password);
        assertThat(paths(pw)).containsExactly("lib/app.jar!BOOT-INF/classes/application.properties");
        assertThat(pw.path("locations").get(0).path("line").asInt()).isEqualTo(1);
        assertThat(pw.path("locations").get(0).path("source").asText()).isEqualTo("file");
        assertThat(pw.path("owner").path("name").asText()).isEqualTo("@acme/java");
        assertThat(paths(entry(inv, token))).containsExactly("lib/app.jar!BOOT-INF/lib/inner.jar!config.yml");
        assertThat(r.out()).doesNotContain(password, token);
    }

    @Test
    void compressedAndTarFormatsAreExpanded() throws Exception {
        String[] s = new String[6];
        for (int i = 0; i < s.length; i++) {
            s[i] = TestSecrets.githubToken("ghp_");
        }
        write("a/logs.tar.gz", TestArchives.gzip(new TestArchives.Tar().file("var/log/app.log", "t=" + s[0]).bytes()));
        write("a/site.tgz", TestArchives.gzip(new TestArchives.Tar().file("./site/.env", "T=" + s[1]).bytes()));
        write("a/notes.txt.gz", TestArchives.gzip(utf8("token " + s[2])));
        write("a/bundle.tar.zst", TestArchives.zstd(new TestArchives.Tar().file("etc/conf.ini", "k=" + s[3]).bytes()));
        write("a/plain.tar", new TestArchives.Tar().file("x/y.txt", "k=" + s[4]).bytes());
        write("a/dump.zst", TestArchives.zstd(utf8("k=" + s[5])));
        Cli.Result r = Cli.run("scan", "-f", "json", dir.toString());
        JsonNode inv = r.json();
        assertThat(r.code()).as(inv.toPrettyString()).isEqualTo(1);
        assertThat(paths(entry(inv, s[0]))).containsExactly("a/logs.tar.gz!var/log/app.log");
        assertThat(paths(entry(inv, s[1]))).containsExactly("a/site.tgz!./site/.env");
        assertThat(paths(entry(inv, s[2]))).containsExactly("a/notes.txt.gz!notes.txt");
        assertThat(paths(entry(inv, s[3]))).containsExactly("a/bundle.tar.zst!etc/conf.ini");
        assertThat(paths(entry(inv, s[4]))).containsExactly("a/plain.tar!x/y.txt");
        assertThat(paths(entry(inv, s[5]))).containsExactly("a/dump.zst!dump");
        assertThat(inv.path("scan").path("complete").asBoolean()).isTrue();
    }

    /** Traversal names, an absolute name, a link, a bomb and a truncated member: warnings, and the real secrets. */
    @Test
    void hostileTarballIsSurvivedAndItsRealSecretsFound() throws Exception {
        String traversal = TestSecrets.githubToken("ghp_");
        String absolute = TestSecrets.githubToken("ghp_");
        String real = TestSecrets.githubToken("ghp_");
        String last = TestSecrets.githubToken("ghp_");
        byte[] tar = new TestArchives.Tar()
                .file("../../etc/evil.conf", "token=" + traversal + "\n")
                .file("/abs/path.env", "token=" + absolute + "\n")
                .symlink("link", "/etc/shadow")
                .symlink("escape", "../../../../root/.ssh/id_rsa")
                .file("bomb.gz", TestArchives.gzipOfZeros(64L * 1024 * 1024))
                .file("real/secret.env", "GITHUB_TOKEN=" + real + "\n")
                .file("last.env", "LAST=" + last + "\n" + "x".repeat(20_000) + "\n")
                .bytes();
        int at = indexOf(tar, utf8("LAST=" + last));
        byte[] truncated = Arrays.copyOf(tar, at + 200);
        write("dist/hostile.tar", truncated);

        Cli.Result r = Cli.run("scan", "-f", "json", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode inv = r.json();
        assertThat(inv.path("scan").path("complete").asBoolean()).isFalse();
        assertThat(paths(entry(inv, real))).containsExactly("dist/hostile.tar!real/secret.env");
        assertThat(paths(entry(inv, traversal))).containsExactly("dist/hostile.tar!../../etc/evil.conf");
        assertThat(paths(entry(inv, absolute))).containsExactly("dist/hostile.tar!/abs/path.env");
        assertThat(paths(entry(inv, last))).containsExactly("dist/hostile.tar!last.env");
        assertThat(warningCodes(inv)).contains("archive-unsafe-name", "archive-budget", "archive-truncated");
        assertThat(dir.getParent().resolve("etc/evil.conf")).doesNotExist();
        assertThat(Path.of("/abs/path.env")).doesNotExist();
    }

    @Test
    void nestingDeeperThanTheLimitIsAWarningAndTheFlagRaisesIt() throws Exception {
        String token = TestSecrets.githubToken("ghp_");
        byte[] level = utf8("token: " + token + "\n");
        String name = "secret.yml";
        for (int i = 4; i >= 1; i--) { // deep.zip holds level2.zip holds level3.zip holds level4.zip
            level = TestArchives.zip(Map.of(name, level));
            name = "level" + i + ".zip";
        }
        write("deep.zip", level);
        Cli.Result shallow = Cli.run("scan", "-f", "json", dir.toString());
        assertThat(shallow.code()).isEqualTo(3);
        assertThat(warningCodes(shallow.json())).contains("archive-depth");

        Cli.Result deep = Cli.run("scan", "-f", "json", "--max-archive-depth", "4", dir.toString());
        assertThat(deep.code()).isEqualTo(1);
        assertThat(paths(entry(deep.json(), token)))
                .containsExactly("deep.zip!level2.zip!level3.zip!level4.zip!secret.yml");
    }

    @Test
    void entryAndByteBudgetsAreWarningsNotCrashes() throws Exception {
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            many.put("f" + i + ".txt", utf8("line " + i + "\n"));
        }
        write("many.zip", TestArchives.zip(many));
        Cli.Result r = Cli.run("scan", "-f", "json", "--max-archive-entries", "5", dir.toString());
        assertThat(r.code()).isEqualTo(3);
        JsonNode w = r.json().path("scan").path("warnings");
        assertThat(w.toString()).contains("archive-budget", "--max-archive-entries");

        Cli.Result bytes = Cli.run("scan", "-f", "json", "--max-archive-bytes", "50", dir.toString());
        assertThat(bytes.code()).isEqualTo(3);
        assertThat(bytes.json().path("scan").path("warnings").toString()).contains("--max-archive-bytes");
    }

    @Test
    void depthZeroLeavesArchivesUnexpandedWithAWarning() throws Exception {
        write("a.zip", TestArchives.zip(Map.of("x.txt", utf8("token: " + TestSecrets.githubToken("ghp_")))));
        Cli.Result r = Cli.run("scan", "-f", "json", "--max-archive-depth", "0", dir.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(warningCodes(r.json())).contains("archive-depth");
        assertThat(r.json().path("secrets")).isEmpty();
    }

    @Test
    void badLimitsAndReferencesAreUsageErrors() {
        assertThat(Cli.run("scan", "--max-archive-ratio", "0", dir.toString()).code()).isEqualTo(2);
        assertThat(Cli.run("scan", "--max-archive-entries", "-1", dir.toString()).code()).isEqualTo(2);
        assertThat(Cli.run("scan", "--max-archive-depth", "-1", dir.toString()).code()).isEqualTo(2);
        Cli.Result r = Cli.run("scan", "registry://host-without-name");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("HOST[:PORT]/NAME");
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + new String(needle, StandardCharsets.UTF_8));
    }
}
