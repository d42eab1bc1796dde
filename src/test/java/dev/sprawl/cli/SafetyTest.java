package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sprawl.TestArchives;
import dev.sprawl.TestImages;
import dev.sprawl.TestSecrets;
import dev.sprawl.source.git.TestRepo;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The safety promises, each proven on a real scan: no network for local targets (a child JVM whose
 * every socket is refused and recorded, and the same scan in an empty network namespace), nothing
 * from a hostile {@code .git/config} or {@code .gitattributes} run (one marker command per vector),
 * and no secret value in any output, log line or warning on the error paths.
 */
class SafetyTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
    }

    /** sprawl in a child JVM with every socket refused ({@link NoNetworkMain}). */
    static Run guarded(List<String> prefix, String... args) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Djava.nio.channels.spi.SelectorProvider=" + NoNetworkMain.Provider.class.getName(),
                "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", cp, NoNetworkMain.class.getName()));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        var out = p.getInputStream();
        var errBytes = new java.util.concurrent.CompletableFuture<byte[]>();
        Thread t = new Thread(() -> {
            try {
                errBytes.complete(p.getErrorStream().readAllBytes());
            } catch (IOException e) {
                errBytes.completeExceptionally(e);
            }
        });
        t.start();
        String o = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), o, new String(errBytes.get(), StandardCharsets.UTF_8));
    }

    /** A repository whose config and files name remotes, submodules and LFS, an image archive, an archive folder. */
    private Path[] localTargets(String secret) throws Exception {
        Path repoDir = Files.createDirectories(dir.resolve("repo"));
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("deploy.env", "GITHUB_TOKEN=" + secret + "\n");
            repo.write(".gitmodules", "[submodule \"lib\"]\n\tpath = lib\n\turl = https://127.0.0.1:9/lib.git\n");
            repo.write(".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n");
            repo.write("model.bin", "version https://git-lfs.github.com/spec/v1\noid sha256:" + "ab".repeat(32)
                    + "\nsize 12345\n");
            repo.commit("one", "Dana Ops", TestRepo.T0);
            Path config = repo.repo().getDirectory().toPath().resolve("config");
            Files.writeString(config, Files.readString(config)
                    + "[remote \"origin\"]\n\turl = https://127.0.0.1:9/repo.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
                    + "[lfs]\n\turl = https://127.0.0.1:9/lfs\n[http]\n\tproxy = http://127.0.0.1:9\n"
                    + "[remote \"origin\"]\n\tpromisor = true\n\tpartialclonefilter = blob:none\n");
        }
        TestImages.Image image = new TestImages.Image();
        image.env.add("API_TOKEN=" + secret);
        image.layer(new TestArchives.Tar().file("app/.env", "TOKEN=" + secret + "\n"), "COPY .env /app/");
        Path imageTar = dir.resolve("image.tar");
        Files.write(imageTar, TestImages.dockerSave(image, "app:1"));
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.write(folder.resolve("bundle.zip"), TestArchives.zip(Map.of("x/.env", TestArchives.utf8("T=" + secret))));
        Files.write(folder.resolve("bundle.tgz"), TestArchives.gzip(new TestArchives.Tar().file("y.env", "T=" + secret).bytes()));
        return new Path[] {repoDir, imageTar, folder};
    }

    @Test
    void localTargetsAreScannedWithoutAnyNetworkUse() throws Exception {
        String secret = TestSecrets.githubToken("ghp_");
        Path[] targets = localTargets(secret);
        String[] args = {"scan", targets[0].toString(), targets[1].toString(), targets[2].toString(), "-f", "json"};
        Run r = guarded(List.of(), args);
        assertThat(r.err()).doesNotContain("NETWORK-ATTEMPT").doesNotContain("NETWORK-GUARD-MISSING");
        assertThat(r.code()).as(r.err()).isIn(1, 3);
        JsonNode inv = JSON.readTree(r.out());
        assertThat(inv.path("secrets")).isNotEmpty();
        List<String> sources = new ArrayList<>();
        inv.path("secrets").forEach(s -> s.path("locations").forEach(l -> sources.add(l.path("source").asText())));
        assertThat(sources).contains("git", "image", "file");
        assertThat(r.out() + r.err()).doesNotContain(secret);

        // the same scan with no network at all (an empty network namespace): the same report
        if (new File("/usr/bin/unshare").canExecute()) {
            Run isolated = guarded(List.of("/usr/bin/unshare", "-n"), args);
            if (!isolated.err().contains("unshare failed")) {
                assertThat(isolated.code()).as(isolated.err()).isEqualTo(r.code());
                assertThat(JSON.readTree(isolated.out()).path("secrets").size()).isEqualTo(inv.path("secrets").size());
            }
        }
    }

    /** The guard is real: a target that does need the network is caught trying, and no byte leaves. */
    @Test
    void theGuardCatchesNetworkUse() throws Exception {
        CountingListener server = new CountingListener();
        try (server) {
            Run r = guarded(List.of(), "scan", "registry://127.0.0.1:" + server.port() + "/app:1",
                    "--insecure-registry", "-f", "json");
            assertThat(r.err()).contains("NETWORK-ATTEMPT");
            assertThat(r.code()).isNotZero();
        }
        assertThat(server.connections()).isZero();
    }

    /** One vector of a hostile repository at a time, each with its own marker command. */
    @ParameterizedTest
    @ValueSource(strings = {"fsmonitor", "hooksPath", "filter", "process-filter", "textconv", "include", "merge",
        "sshCommand", "askPass", "credential", "pager", "gpg", "lfs-filter"})
    void hostileRepositorySettingsAreNeverRun(String vector) throws Exception {
        String secret = TestSecrets.githubToken("ghp_");
        Path marker = dir.resolve("marker-" + vector);
        String cmd = "touch " + marker;
        Path repoDir = Files.createDirectories(dir.resolve("repo"));
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("app.sh", "export GITHUB_TOKEN=" + secret + "\n");
            repo.commit("one", "Dana Ops", TestRepo.T0);
            Path gitDir = repo.repo().getDirectory().toPath();
            String attributes = null;
            String config = switch (vector) {
                case "fsmonitor" -> "[core]\n\tfsmonitor = " + cmd + "\n";
                case "hooksPath" -> {
                    Path hooks = Files.createDirectories(dir.resolve("hooks"));
                    for (String hook : new String[] {"pre-commit", "post-checkout", "post-index-change",
                        "fsmonitor-watchman", "reference-transaction", "pre-auto-gc"}) {
                        Path h = hooks.resolve(hook);
                        Files.writeString(h, "#!/bin/sh\n" + cmd + "\n");
                        h.toFile().setExecutable(true);
                    }
                    yield "[core]\n\thooksPath = " + hooks + "\n";
                }
                case "filter" -> {
                    attributes = "* filter=evil\n";
                    yield "[filter \"evil\"]\n\tclean = " + cmd + "\n\tsmudge = " + cmd + "\n\trequired = true\n";
                }
                case "process-filter" -> {
                    attributes = "*.sh filter=evil\n";
                    yield "[filter \"evil\"]\n\tprocess = " + cmd + "\n";
                }
                case "textconv" -> {
                    attributes = "* diff=evil\n";
                    yield "[diff \"evil\"]\n\ttextconv = " + cmd + "\n\tcommand = " + cmd + "\n";
                }
                case "include" -> {
                    Path included = dir.resolve("included.cfg");
                    Files.writeString(included, "[core]\n\tfsmonitor = " + cmd + "\n[filter \"evil\"]\n\tclean = "
                            + cmd + "\n\tsmudge = " + cmd + "\n");
                    attributes = "* filter=evil\n";
                    yield "[include]\n\tpath = " + included + "\n[includeIf \"gitdir:/\"]\n\tpath = " + included + "\n";
                }
                case "merge" -> {
                    attributes = "* merge=evil\n";
                    yield "[merge \"evil\"]\n\tdriver = " + cmd + "\n";
                }
                case "sshCommand" -> "[core]\n\tsshCommand = " + cmd + "\n[remote \"origin\"]\n\turl = ssh://127.0.0.1:9/x\n";
                case "askPass" -> "[core]\n\taskPass = " + cmd + "\n";
                case "credential" -> "[credential]\n\thelper = !" + cmd + "\n";
                case "pager" -> "[core]\n\tpager = " + cmd + "\n\teditor = " + cmd + "\n";
                case "gpg" -> "[gpg]\n\tprogram = " + cmd + "\n[commit]\n\tgpgsign = true\n[tag]\n\tgpgSign = true\n";
                case "lfs-filter" -> {
                    attributes = "* filter=lfs\n";
                    yield "[filter \"lfs\"]\n\tclean = " + cmd + "\n\tsmudge = " + cmd + "\n\tprocess = " + cmd
                            + "\n\trequired = true\n";
                }
                default -> throw new IllegalArgumentException(vector);
            };
            Files.writeString(gitDir.resolve("config"), Files.readString(gitDir.resolve("config")) + config);
            if (attributes != null) {
                repo.write(".gitattributes", attributes);
                Files.writeString(Files.createDirectories(gitDir.resolve("info")).resolve("attributes"), attributes);
            }
            repo.write("app.sh", "export GITHUB_TOKEN=" + secret + "\n# edited\n"); // a dirty working tree
            for (String[] mode : new String[][] {{}, {"--staged"}, {"--since", "HEAD"}, {"--no-history"}}) {
                List<String> args = new ArrayList<>(List.of("scan", repoDir.toString(), "-f", "json"));
                args.addAll(List.of(mode));
                Cli.Result r = Cli.run(args.toArray(String[]::new));
                assertThat(r.code()).as(vector + " " + String.join(" ", mode) + ": " + r.err()).isIn(0, 1);
            }
            assertThat(Cli.run("scan", repoDir.toString(), "-f", "json").out()).contains("github");
            assertThat(marker).as(vector + " ran a command from the repository").doesNotExist();
        }
    }

    /**
     * Error paths: a corrupt archive, broken YAML, a truncated pack, bad image manifests, each holding
     * the secret; it appears in no output format, no stderr line and no warning.
     */
    @Test
    void noSecretValueOnAnyErrorPath() throws Exception {
        String secret = TestSecrets.githubToken("ghp_");
        String password = "S3cr" + TestSecrets.alnum(20);
        Path t = Files.createDirectories(dir.resolve("bad"));
        byte[] tgz = TestArchives.gzip(new TestArchives.Tar().file("a.env", "TOKEN=" + secret + "\n" + "x".repeat(5000)).bytes());
        Files.write(t.resolve("cut.tgz"), Arrays.copyOf(tgz, tgz.length / 2));
        Files.write(t.resolve("corrupt.zip"), Arrays.copyOf(TestArchives.zip(Map.of("b.env",
                TestArchives.utf8("TOKEN=" + secret))), 60));
        Files.writeString(t.resolve("secret.yaml"), "apiVersion: v1\nkind: Secret\nstringData:\n  password: \"" + password
                + "\n  token: [" + secret + "\n\t- {");
        Files.writeString(t.resolve("config.json"), "{\"auths\": {\"r\": {\"auth\": \"" + secret + "\", }}");
        Files.writeString(t.resolve("manifest.json"), "[{\"Config\": \"" + secret + "\", \"Layers\": [\"../" + secret + "\"]}]");
        Path image = dir.resolve("bad-image.tar");
        Files.write(image, new TestArchives.Tar().file("manifest.json", "[{\"Config\":\"sha256:" + secret
                + "\",\"RepoTags\":[\"x:" + secret + "\"],\"Layers\":[\"/etc/" + secret + "\"]}]").file("oci-layout",
                "{\"imageLayoutVersion\": \"1.0.0\"}").file("index.json", "{\"manifests\":[{\"digest\":\"sha256:"
                + secret + "\"}], \"x\": \"" + secret + "\"").bytes());
        Path repoDir = Files.createDirectories(dir.resolve("repo"));
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write("deploy.env", "GITHUB_TOKEN=" + secret + "\n");
            repo.commit("one", "Dana Ops", TestRepo.T0);
            repo.git().gc().call();
            Path pack;
            try (Stream<Path> s = Files.list(repo.repo().getDirectory().toPath().resolve("objects/pack"))) {
                pack = s.filter(p -> p.toString().endsWith(".pack")).findFirst().orElseThrow();
            }
            byte[] b = Files.readAllBytes(pack);
            Files.write(pack, Arrays.copyOf(b, b.length * 2 / 3));
        }
        for (String format : new String[] {"json", "sarif", "table"}) {
            for (Path target : new Path[] {t, image, repoDir}) {
                Cli.Result r = Cli.run("scan", target.toString(), "-f", format);
                assertThat(r.code()).as(target + " " + format + ": " + r.err()).isIn(0, 1, 3);
                assertThat(r.out()).as(format).doesNotContain(secret).doesNotContain(password);
                assertThat(r.err()).doesNotContain(secret).doesNotContain(password);
                if (format.equals("json")) {
                    JsonNode inv = JSON.readTree(r.out());
                    assertThat(inv.path("scan").path("complete").asBoolean()).as(target.toString()).isFalse();
                }
            }
        }
        Run child = guarded(List.of(), "scan", t.toString(), image.toString(), repoDir.toString(), "-f", "json");
        assertThat(child.out() + child.err()).doesNotContain(secret).doesNotContain(password);
        assertThat(child.code()).isIn(1, 3);
    }
}
