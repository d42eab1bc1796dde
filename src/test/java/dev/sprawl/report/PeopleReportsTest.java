package dev.sprawl.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.classify.Identity;
import dev.sprawl.classify.Location;
import dev.sprawl.detect.SecretValue;
import dev.sprawl.inventory.GovernanceFinding;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.inventory.Owner;
import dev.sprawl.inventory.SecretEntry;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Golden files for the reports people read (csv, markdown, html) over an inventory with a baseline,
 * git and image locations, identities, a low-confidence secret and hostile names. Rewrite them with
 * {@code -Dsprawl.updateGolden=true} and review the diff.
 */
class PeopleReportsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final String HOSTILE_PATH = "<img src=x onerror=alert(1)>.env";
    static final String HOSTILE_AUTHOR = "Mallory </script><script>alert(2)</script> <m@evil.test>";

    static Inventory inventory() {
        TestSecrets gen = TestSecrets.seeded(7);
        Rule gh = rule("github-pat-classic", "GitHub personal access token (classic)", "github", Category.TOKEN);
        Rule pw = rule("generic-password", "Password assignment", "generic", Category.PASSWORD);
        Rule aws = rule("aws-access-key", "AWS access key", "aws", Category.API_KEY);
        TreeMap<String, Object> git = new TreeMap<>();
        git.put("commit", "0123456789abcdef0123456789abcdef01234567");
        git.put("ref", "refs/heads/main");
        git.put("author", HOSTILE_AUTHOR);
        git.put("date", Instant.parse("2025-01-02T03:04:05Z"));
        git.put("inHead", false);
        git.put("identity", List.of(new Identity(Identity.USER, "deploy-bot", 2)));
        TreeMap<String, Object> image = new TreeMap<>();
        image.put("image", "acme/api:1.2");
        image.put("layer", "sha256:" + "ab".repeat(32));
        SecretValue token = new SecretValue(gen.randomGithubToken("ghp_"));
        SecretValue password = new SecretValue(gen.randomPassword());
        SecretValue key = new SecretValue(gen.randomAwsAccessKeyId());
        SecretValue weak = new SecretValue("=cmd|' /C calc'!A0" + gen.randomAlnum(6));
        TreeMap<String, String> valid = new TreeMap<>();
        valid.put("checksum", "valid");
        List<SecretEntry> secrets = List.of(
                new SecretEntry(password.fingerprint(), pw, Confidence.MEDIUM, password, new TreeMap<>(), null,
                        List.of(new Location("git", HOSTILE_PATH, 1, 13, "config", git)),
                        List.of(new GovernanceFinding("missing-owner", "high", "no owner"),
                                new GovernanceFinding("history-only", "high", "only in history")), true),
                new SecretEntry(token.fingerprint(), gh, Confidence.HIGH, token, valid,
                        new Owner("@acme/platform", "codeowners", ".github/CODEOWNERS:3", List.of()),
                        List.of(new Location("file", "infra/main.tf", 3, 17, "iac", new TreeMap<>()),
                                new Location("image", "/app/config.yml", 4, 9, "container", image)),
                        List.of(new GovernanceFinding("secret-sprawl", "medium", "in 2 places")), false),
                new SecretEntry(key.fingerprint(), aws, Confidence.HIGH, key, new TreeMap<>(),
                        new Owner("team, \"ops\"", "k8s-label", "k8s/app.yaml:4", List.of()),
                        List.of(new Location("file", "k8s/app.yaml", 9, 3, "k8s", new TreeMap<>())), List.of(), true),
                new SecretEntry(weak.fingerprint(), pw, Confidence.LOW, weak, new TreeMap<>(), null,
                        List.of(new Location("file", "@SUM(A1).csv", 2, 1, "docs", new TreeMap<>())),
                        List.of(new GovernanceFinding("missing-owner", "high", "no owner")), true));
        TreeMap<String, Long> stats = new TreeMap<>();
        stats.put("blobs", 40L);
        stats.put("bytes", 12345L);
        stats.put("commits", 3L);
        stats.put("rules", 3L);
        return new Inventory(List.of("."), Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-22T10:00:05Z"),
                false, List.of(new ScanWarning("object-unreadable", "cannot read <object>", "pack-1.pack", true)),
                stats, secrets);
    }

    private static Rule rule(String id, String name, String provider, Category c) {
        return new Rule(id, name, provider, c, Confidence.HIGH, List.of("x"), Pattern.compile("(?<secret>x)"), 1, 0,
                null, 0, List.of(), List.of(), List.of(), "rules/test.yml", 1);
    }

    static void check(String file, String actual) throws IOException {
        Path golden = GOLDEN.resolve(file);
        if (Boolean.getBoolean("sprawl.updateGolden") || !Files.exists(golden)) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private static String render(Reporter r) throws IOException {
        StringWriter w = new StringWriter();
        r.write(inventory(), w);
        return w.toString();
    }

    private static final ReportOptions PLAIN = new ReportOptions(false, false, "0.1.0");

    @Test
    void csvGolden() throws IOException {
        String csv = render(new CsvReporter(PLAIN));
        check("people.csv", csv);
        String[] lines = csv.split("\r\n", -1);
        assertThat(lines[0].split(",")).containsExactlyElementsOf(CsvReporter.COLUMNS);
        assertThat(lines).hasSize(1 + 5 + 1); // header, one row per location, the empty tail after the last CRLF
        assertThat(csv).doesNotContain(inventory().secrets().get(3).secret().reveal());
    }

    @Test
    void csvNeutralisesFormulasAndQuotes() {
        assertThat(CsvReporter.cell("=1+2")).isEqualTo("'=1+2");
        assertThat(CsvReporter.cell("+1")).isEqualTo("'+1");
        assertThat(CsvReporter.cell("-1")).isEqualTo("'-1");
        assertThat(CsvReporter.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvReporter.cell("\tx")).isEqualTo("'\tx");
        assertThat(CsvReporter.cell("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvReporter.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvReporter.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvReporter.cell("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(CsvReporter.cell("plain")).isEqualTo("plain");
        assertThat(CsvReporter.cell("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
    }

    @Test
    void csvShowsValuesOnlyWhenAsked() throws IOException {
        String csv = render(new CsvReporter(new ReportOptions(true, false, "0.1.0")));
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",secret");
        assertThat(csv).contains(inventory().secrets().get(1).secret().reveal());
    }

    @Test
    void markdownGolden() throws IOException {
        String md = render(new MarkdownReporter(new ReportOptions(false, false, "0.1.0", Confidence.MEDIUM)));
        check("people.md", md);
        assertThat(md).doesNotContain("<img").doesNotContain("</script>").doesNotContain(" @acme").contains("\\@acme");
        // new secrets first, then by the severity of their findings; the low one only counted
        assertThat(md.indexOf("Password")).isLessThan(md.indexOf("AWS")).isGreaterThan(0);
        assertThat(md.indexOf("AWS")).isLessThan(md.indexOf("GitHub"));
        assertThat(md).contains("1 below medium confidence not listed").doesNotContain("SUM");
    }

    @Test
    void markdownListsLowWhenAsked() throws IOException {
        String md = render(new MarkdownReporter(new ReportOptions(false, false, "0.1.0", Confidence.LOW)));
        assertThat(md).contains("\\@SUM(A1)").doesNotContain("not listed");
    }

    @Test
    void tableListsWorstFirstAndCountsWhatItHides() throws IOException {
        String table = render(new TableReporter(new ReportOptions(false, false, "0.1.0", Confidence.MEDIUM)));
        List<String> lines = table.lines().toList();
        assertThat(lines.get(1)).contains("Password assignment"); // two high findings
        assertThat(lines.get(2)).contains("GitHub");             // a medium finding
        assertThat(lines.get(3)).contains("AWS");                // none
        assertThat(table).doesNotContain("@SUM").contains("4 secrets (2 high, 1 medium, 1 low)")
                .contains("1 below medium confidence not listed");
        assertThat(render(new TableReporter(PLAIN))).contains("@SUM").doesNotContain("not listed");
    }

    @Test
    void htmlGolden() throws IOException {
        String html = render(new HtmlReporter(PLAIN));
        check("people.html", html);
    }

    @Test
    void htmlDataCannotCloseItsScriptAndPolicyHashesMatch() throws IOException {
        String html = render(new HtmlReporter(PLAIN));
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"sprawl-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(data.find()).isTrue();
        assertThat(data.group(1)).doesNotContain("<").doesNotContain(">").doesNotContain("&")
                .contains("\\u003cimg src=x onerror=alert(1)\\u003e").contains("\\u003c/script\\u003e");
        // exactly two script elements and one style element: the data block and the hashed script
        assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(2);
        Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
        assertThat(script.find()).isTrue();
        assertThat(style.find()).isTrue();
        assertThat(html).contains("default-src 'none'; script-src '" + HtmlReporter.sha256(script.group(1)) + "'")
                .contains("style-src '" + HtmlReporter.sha256(style.group(1)) + "'");
        for (SecretEntry s : inventory().secrets()) {
            assertThat(html).doesNotContain(s.secret().reveal()).contains(s.fingerprint());
        }
        assertThat(HtmlReporter.scriptSafe("\"a\u2028b\u2029<!--\"")).isEqualTo("\"a\\u2028b\\u2029\\u003c!--\"");
    }
}
