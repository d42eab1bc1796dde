package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command on the packaged jar: {@code ./sprawl scan <path>} through the launcher,
 * including its first-use class-data-sharing step. Runs after {@code package} (failsafe).
 */
class LauncherIT {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run launch(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of("sprawl").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void launcherScansAFolder() throws Exception {
        Files.deleteIfExists(Path.of("target/sprawl.jsa")); // first use: the launcher trains its CDS archive
        Path target = Files.createDirectories(dir.resolve("project"));
        Files.writeString(target.resolve("deploy.sh"), "export GITHUB_TOKEN=" + TestSecrets.githubToken("ghp_") + "\n");
        Run first = launch("--version");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("sprawl ");
        assertThat(first.err()).doesNotContain("warning").doesNotContain("error");
        assertThat(Path.of("target/sprawl.jsa")).as("the static CDS archive the training runs produce").isNotEmptyFile();
        Run scan = launch("scan", target.toString(), "--format", "table");
        assertThat(scan.code()).as(scan.err()).isEqualTo(1);
        assertThat(scan.out()).contains("GitHub").contains("1 secret");
        assertThat(scan.err()).doesNotContain("warning").doesNotContain("Sharing");
        Files.delete(target.resolve("deploy.sh"));
        assertThat(launch("scan", target.toString()).code()).isZero();
    }
}
