package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {

    @TempDir
    Path dir;

    @Test
    void listsBuiltinRules() {
        Cli.Result r = Cli.run("rules", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("ID").contains("generic-credential").containsPattern("\\d+ rules, \\d+ providers");
    }

    @Test
    void checksBuiltinRulesClean() {
        Cli.Result r = Cli.run("rules", "check");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).endsWith("ok\n");
    }

    @Test
    void checkReportsEveryProblemWithItsLocation() throws IOException {
        Path file = dir.resolve("mine.yml");
        Files.writeString(file, """
                rules:
                  - id: mine-token
                    name: Mine
                    provider: mine
                    category: token
                    keywords: [mine_]
                    pattern: '\\b(?<secret>mine_[a-z0-9]{8})\\b'
                    examples: ['mine_abc', 'no keyword here']
                    negativeExamples: ['mine_k7m2x9p4']
                  - id: generic-credential
                    name: Clash
                    provider: mine
                    category: password
                    keywords: [clash]
                    pattern: '(?<secret>clash[0-9]{4})'
                    examples: ['clash9876']
                    negativeExamples: ['clash']
                """);
        Cli.Result r = Cli.run("rules", "check", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains(file + ":2: rule 'mine-token': example #1 does not match")
                .contains(file + ":2: rule 'mine-token': example #2 contains none of the keywords [mine_]")
                .contains(file + ":2: rule 'mine-token': negative example #1 matches")
                .contains(file + ":10: rule 'generic-credential': id is already used by a built-in rule")
                .contains("2 rules, 5 examples checked: 4 problem(s)");
    }

    @Test
    void unreadablePathExitsTwo() {
        assertThat(Cli.run("rules", "check", dir.resolve("nope.yml").toString()).code()).isEqualTo(2);
    }
}
