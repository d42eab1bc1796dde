package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.scan.ScanProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress line: what it says, that it is erased, and when it is shown at all. */
class ProgressLineTest {

    private static final String ERASE = "\r\u001b[K";

    @TempDir
    Path dir;

    @Test
    void rendersCountersRateElapsedAndAnEstimate() {
        String line = ProgressLine.render(new ScanProgress.Snapshot("scan", 4, 1, 12_345, 678, 5L * 1024 * 1024),
                Duration.ofSeconds(10));
        assertThat(line).isEqualTo("sprawl: scanning · target 2/4 · 12,345 commits · 678 blobs · 5.0 MiB · 512.0 KiB/s"
                + " · 0:10 · ~0:30 left");
        assertThat(ProgressLine.render(new ScanProgress.Snapshot("inventory", 1, 1, 0, 1, 10), Duration.ZERO))
                .isEqualTo("sprawl: inventory · 1 blob · 10 B · 0:00");
        assertThat(ProgressLine.bytes(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GiB");
    }

    @Test
    void redrawsInPlaceAndErasesItselfAtTheEnd() {
        StringWriter out = new StringWriter();
        AtomicLong now = new AtomicLong(0);
        AtomicLong blobs = new AtomicLong(1);
        ProgressLine line = new ProgressLine(new PrintWriter(out), now::get, false);
        line.started(() -> new ScanProgress.Snapshot("scan", 1, 0, 0, blobs.get(), 100));
        assertThat(out.toString()).isEqualTo(ERASE + "sprawl: scanning · 1 blob · 100 B · 0:00");
        blobs.set(2);
        now.set(Duration.ofSeconds(2).toNanos());
        line.tick();
        assertThat(out.toString()).endsWith(ERASE + "sprawl: scanning · 2 blobs · 100 B · 50 B/s · 0:02");
        line.finished();
        assertThat(out.toString()).endsWith("0:02" + ERASE);
        assertThat(out.toString()).doesNotContain("\n");
        line.tick(); // after the end nothing more is drawn
        assertThat(out.toString()).endsWith("0:02" + ERASE);
    }

    private Cli.Result scan(Terminal terminal, String... extra) throws Exception {
        Files.writeString(dir.resolve("deploy.sh"), "export GITHUB_TOKEN=" + TestSecrets.githubToken("ghp_") + "\n");
        String[] args = new String[extra.length + 4];
        args[0] = "scan";
        args[1] = dir.toString();
        args[2] = "--format";
        args[3] = "json";
        System.arraycopy(extra, 0, args, 4, extra.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), terminal, Map.of());
        return new Cli.Result(code, out.toString(), err.toString());
    }

    @Test
    void shownOnATerminalAndErased() throws Exception {
        Cli.Result r = scan(new Terminal(false, true, false));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith(ERASE + "sprawl: scanning").endsWith(ERASE).doesNotContain("\n");
        assertThat(r.json().path("secrets")).hasSize(1); // stdout untouched
    }

    @Test
    void neverOnAPipeOrInCiUnlessAsked() throws Exception {
        assertThat(scan(new Terminal(false, false, false)).err()).isEmpty();
        assertThat(scan(new Terminal(true, true, true)).err()).isEmpty();
        assertThat(scan(new Terminal(false, false, true), "--progress").err()).contains("sprawl: scanning").endsWith(ERASE);
        assertThat(scan(new Terminal(false, true, false), "--no-progress").err()).isEmpty();
        assertThat(scan(new Terminal(false, true, false), "--quiet").err()).isEmpty();
        assertThat(scan(new Terminal(false, false, false), "--progress", "-q").err()).isEmpty();
    }

    @Test
    void terminalDetection() {
        assertThat(Terminal.detect(true, Map.of())).isEqualTo(new Terminal(true, true, false));
        assertThat(Terminal.detect(true, Map.of("SPRAWL_STDERR_TTY", "0"))).isEqualTo(new Terminal(true, false, false));
        assertThat(Terminal.detect(false, Map.of("SPRAWL_STDERR_TTY", "1", "CI", "true")))
                .isEqualTo(new Terminal(false, true, true));
        assertThat(Terminal.detect(true, Map.of("TERM", "dumb", "CI", "false"))).isEqualTo(new Terminal(true, false, false));
    }
}
