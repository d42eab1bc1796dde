package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** After {@code package}: the man pages were generated from the command model, and the jar carries them and the schema. */
class PackagedDocsIT {

    @Test
    void manPagesCoverEveryScanFlagAndShipInTheJar() throws Exception {
        Path page = Path.of("target/man/sprawl-scan.1");
        assertThat(page).exists();
        String troff = Files.readString(page, StandardCharsets.UTF_8).replace("\\-", "-");
        assertThat(troff).startsWith(".TH \"SPRAWL-SCAN\" \"1\"");
        for (OptionSpec o : new CommandLine(new SprawlCommand()).getSubcommands().get("scan").getCommandSpec().options()) {
            assertThat(troff).as(o.longestName()).contains(o.longestName());
        }
        try (JarFile jar = new JarFile("target/sprawl.jar")) {
            for (String name : new String[] {"man/sprawl.1", "man/sprawl-scan.1", "man/sprawl-rules-check.1",
                "schema/sprawl-inventory-1.schema.json"}) {
                assertThat(jar.getEntry(name)).as(name).isNotNull();
            }
        }
    }
}
