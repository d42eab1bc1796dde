package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shell completion from the command model, and the AsciiDoc-to-troff step of the man page build. */
class CompletionAndManPageTest {

    @TempDir
    Path dir;

    @Test
    void completionScriptCompletesFlagsInBash() throws Exception {
        Cli.Result r = Cli.run("generate-completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("complete -F _complete_sprawl").contains("--min-confidence").contains("html");
        Path bash = Path.of("/bin/bash");
        Assumptions.assumeTrue(Files.isExecutable(bash), "no bash to try the script in");
        Path script = Files.writeString(dir.resolve("sprawl-completion.bash"), r.out());
        String probe = "source '" + script + "' 2>/dev/null; COMP_WORDS=(sprawl scan --min-c); COMP_CWORD=2; "
                + "_complete_sprawl 2>/dev/null; echo \"${COMPREPLY[*]}\"; "
                + "COMP_WORDS=(sprawl sc); COMP_CWORD=1; _complete_sprawl 2>/dev/null; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder(bash.toString(), "--norc", "-c", probe).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).containsExactly("--min-confidence", "scan schema");
    }

    @Test
    void manPageTroff() {
        String troff = ManPages.troff(List.of(
                "// tag::x[]", ":doctype: manpage", ":mansource: sprawl 1.2.3", ":manmanual: Sprawl Manual",
                "= sprawl-scan(1)", "", "== Name", "", "sprawl-scan - Scan things.", "", "== Options", "",
                "*-f*, *--format*=_FMT_::", "  table | json (see a\\b).", "", ".dot starts a line::", "  x", "",
                "== Commands", "", "xref:sprawl-scan.adoc[*scan*]::", "  Scan."));
        assertThat(troff).isEqualTo("""
                .TH "SPRAWL-SCAN" "1" "" "sprawl 1.2.3" "Sprawl Manual"
                .SH "NAME"
                .PP
                sprawl\\-scan \\- Scan things.
                .SH "OPTIONS"
                .TP
                \\fB\\-f\\fR, \\fB\\-\\-format\\fR=\\fIFMT\\fR
                table | json (see a\\eb).
                .TP
                \\&.dot starts a line
                x
                .SH "COMMANDS"
                .TP
                \\fBscan\\fR
                Scan.
                """);
    }
}
