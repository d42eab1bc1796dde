package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.classify.Identity;
import dev.sprawl.govern.BaselineSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baselines old and new: what resolved[] needs is read when present and null when not. */
class BaselineTest {

    @TempDir
    Path dir;

    @Test
    void readsTypeFirstSeenAndLocationsAndToleratesOldOrOddEntries() throws Exception {
        String a = "sha256:" + "a".repeat(64);
        String b = "sha256:" + "b".repeat(64);
        Path file = dir.resolve("base.json");
        Files.writeString(file, """
                {"schema": "sprawl-inventory/1", "secrets": [
                  {"fingerprint": "%s", "type": "Slack bot token", "firstSeen": "2024-03-02T08:00:00Z",
                   "locations": [{"source": "git", "path": "a.env", "line": 2, "column": 5, "inHead": false,
                                  "date": "2024-03-02T08:00:00Z", "context": "config",
                                  "identity": [{"kind": "user", "value": "svc-a", "line": 2}]},
                                 "not a location", {"path": "no source"}]},
                  {"fingerprint": "%s", "firstSeen": "yesterday", "type": 7},
                  {"fingerprint": "sha256:short", "type": "skipped"},
                  {"fingerprint": "%s", "type": "duplicate"}
                ]}
                """.formatted(a, b, a));
        Baseline.Contents c = Baseline.read(file);
        assertThat(c.fingerprints()).containsExactlyInAnyOrder(a, b);
        assertThat(c.secrets()).hasSize(2);
        BaselineSecret first = c.secrets().get(0);
        assertThat(first.type()).isEqualTo("Slack bot token");
        assertThat(first.firstSeen()).isEqualTo(Instant.parse("2024-03-02T08:00:00Z"));
        assertThat(first.locations()).singleElement().satisfies(l -> {
            assertThat(l.path()).isEqualTo("a.env");
            assertThat(l.line()).isEqualTo(2);
            assertThat(l.context()).isEqualTo("config");
            assertThat(l.details()).containsEntry("inHead", false).containsEntry("date", "2024-03-02T08:00:00Z")
                    .containsEntry("identity", List.of(new Identity("user", "svc-a", 2)));
        });
        BaselineSecret second = c.secrets().get(1);
        assertThat(second.type()).isNull();
        assertThat(second.firstSeen()).isNull();
        assertThat(second.locations()).isEmpty();
    }
}
