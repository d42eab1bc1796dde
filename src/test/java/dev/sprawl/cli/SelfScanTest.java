package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The project scans itself and finds nothing that would fail a build: tests generate their
 * secret-shaped strings at run time, so only low-confidence names and stand-ins may show up.
 * (Rule examples under rules/ are the one place with committed examples, and are left out.)
 */
class SelfScanTest {

    @Test
    void sourcesDocsAndIntegrationsHoldNoSecrets() {
        Cli.Result r = Cli.run("scan", "src", "README.md", "docs", "schema", "action.yml", ".pre-commit-hooks.yaml", "ci", "bench",
                "--no-history", "--exclude", "*FuzzTestInputs"); // fuzz reproducers are broken archives on purpose
        StringBuilder found = new StringBuilder();
        for (JsonNode s : r.json().path("secrets")) {
            if (!s.path("confidence").asText().equals("low")) {
                found.append(s.path("rule").asText()).append(' ').append(s.at("/locations/0/path").asText())
                        .append(':').append(s.at("/locations/0/line").asInt()).append('\n');
            }
        }
        assertThat(found.toString()).as("medium/high findings in the project itself").isEmpty();
        assertThat(r.code()).isZero();
    }
}
