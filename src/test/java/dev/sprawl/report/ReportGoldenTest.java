package dev.sprawl.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.classify.Location;
import dev.sprawl.detect.SecretValue;
import dev.sprawl.inventory.GovernanceFinding;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.inventory.Lifecycle;
import dev.sprawl.inventory.Nhi;
import dev.sprawl.inventory.ResolvedSecret;
import dev.sprawl.inventory.SuggestedOwner;
import dev.sprawl.inventory.Owner;
import dev.sprawl.inventory.SecretEntry;
import dev.sprawl.inventory.SecretReference;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import dev.sprawl.source.ScanWarning;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Golden files for every output format. The inventory is built from seeded secrets, so the committed
 * files hold only redacted forms and fingerprints. Rewrite them with {@code -Dsprawl.updateGolden=true}
 * and review the diff.
 */
class ReportGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Inventory inventory() {
        TestSecrets gen = TestSecrets.seeded(42);
        Rule gh = rule("github-pat-classic", "GitHub personal access token (classic)", "github", Category.TOKEN);
        Rule pw = rule("generic-password", "Password assignment", "generic", Category.PASSWORD);
        TreeMap<String, Object> git = new TreeMap<>();
        git.put("commit", "0123456789abcdef0123456789abcdef01234567");
        git.put("inHead", true);
        TreeMap<String, String> valid = new TreeMap<>();
        valid.put("checksum", "valid");
        SecretValue ghp = new SecretValue(gen.randomGithubToken("ghp_"));
        SecretEntry token = new SecretEntry(ghp.fingerprint(), gh, Confidence.HIGH, ghp, valid,
                new Owner("@acme/platform", "codeowners", ".github/CODEOWNERS:3", List.of("@acme/sre")),
                List.of(new Location("file", "infra/main.tf", 3, 17, "iac", new TreeMap<>()),
                        new Location("git", "old/main.tf", 9, 5, "iac", git)),
                List.of(), null).governed(
                new Nhi("ci-publisher", "@acme/platform", "publishes releases", "repo:acme/app", "2027-03-31", "30d",
                        ".sprawl.yaml:4"),
                new Owner("@acme/platform", "manifest", ".sprawl.yaml:6", List.of()),
                List.of(new GovernanceFinding("rotation-overdue", "high", "rotate it")),
                new Lifecycle(Instant.parse("2026-01-05T08:00:00Z"), Instant.parse("2026-02-05T08:00:00Z"), 321L, null),
                List.of());
        SecretValue password = new SecretValue(gen.randomPassword());
        SecretEntry pass = new SecretEntry(password.fingerprint(), pw, Confidence.MEDIUM, password, new TreeMap<>(),
                null, List.of(new Location("file", "app/\u001b[31m.env", 1, 13, "config", new TreeMap<>())),
                List.of(new GovernanceFinding("missing-owner", "high", "no owner")), null);
        pass = pass.governed(null, null, pass.findings(), pass.lifecycle(),
                List.of(new SuggestedOwner("Dana Ops <dana@acme.test>", "git-author", 2)));
        TreeMap<String, Long> stats = new TreeMap<>();
        stats.put("blobs", 12L);
        stats.put("bytes", 3456L);
        stats.put("commits", 0L);
        stats.put("rules", 2L);
        return new Inventory(List.of("."), Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-22T10:00:01Z"),
                false, List.of(new ScanWarning("file-too-large", "skipped: too big", "dump.sql", true),
                        new ScanWarning("binary-skipped", "1 binary file(s) were not scanned", null, false)),
                stats, List.of(pass, token), List.of(new SecretReference("NPM_TOKEN", "github-actions-secret",
                        List.of(new Location("file", ".github/workflows/release.yml", 12, 24, "ci",
                                new TreeMap<>(java.util.Map.of("key", "jobs.publish.env.NPM_TOKEN")))))),
                List.of(new ResolvedSecret("sha256:" + "ab".repeat(32), "Slack bot token",
                        new Location("git", "deploy/old.env", 2, 7, "config", new TreeMap<>(java.util.Map.of(
                                "commit", "89abcdef0123456789abcdef0123456789abcdef", "date", "2025-12-01T09:00:00Z"))),
                        45L)), List.of());
    }

    private static Rule rule(String id, String name, String provider, Category c) {
        return new Rule(id, name, provider, c, Confidence.HIGH, List.of("x"), Pattern.compile("(?<secret>x)"), 1, 0,
                null, 0, List.of(), List.of(), List.of(), "rules/test.yml", 1);
    }

    private static void check(String file, String actual) throws IOException {
        Path golden = GOLDEN.resolve(file);
        if (Boolean.getBoolean("sprawl.updateGolden") || !Files.exists(golden)) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void json() throws IOException {
        StringWriter w = new StringWriter();
        new JsonReporter(new ReportOptions(false, false, "0.1.0")).write(inventory(), w);
        check("inventory.json", w.toString());
    }

    @Test
    void table() throws IOException {
        StringWriter w = new StringWriter();
        new TableReporter(new ReportOptions(false, false, "0.1.0")).write(inventory(), w);
        check("inventory.table", w.toString());
        assertThat(w.toString()).doesNotContain("\u001b");
    }

    @Test
    void tableColoursOnlyWhenAsked() throws IOException {
        StringWriter w = new StringWriter();
        new TableReporter(new ReportOptions(false, true, "0.1.0")).write(inventory(), w);
        assertThat(w.toString()).contains("\u001b[31m").doesNotContain("\u001b[31m.env");
    }
}
