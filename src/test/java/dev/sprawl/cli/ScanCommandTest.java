package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sprawl.TestSecrets;
import dev.sprawl.detect.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foundation's acceptance scenario and the CLI contract: exit codes, formats, safety. */
class ScanCommandTest {

    @TempDir
    Path dir;

    /** secret value -> expected category */
    private final Map<String, String> planted = new LinkedHashMap<>();
    private String githubToken;
    private String pem;

    private void write(String rel, String content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void plant() throws IOException {
        String envPassword = TestSecrets.password();
        githubToken = TestSecrets.githubToken("ghp_");
        String propsPassword = TestSecrets.password();
        String yamlToken = TestSecrets.alnum(24);
        String jsonKey = TestSecrets.alnum(32);
        String jsKey = TestSecrets.alnum(28);
        String pyPassword = TestSecrets.password();
        String dbPassword = TestSecrets.alnum(16);
        pem = TestSecrets.rsaPrivateKeyPem();
        write(".github/CODEOWNERS", "/infra/ @acme/platform\n*.py @acme/python\n");
        write(".env", "DB_PASSWORD=" + envPassword + "\nAPI_KEY=${API_KEY}\nEMPTY_TOKEN=\n");
        write("src/main/resources/application.properties",
                "spring.datasource.url=jdbc:postgresql://db:5432/app\nspring.datasource.password=" + propsPassword + "\n");
        write("infra/config.yml", "service:\n  name: billing\n  token: " + yamlToken + "\n  db: postgres://app:" + dbPassword
                + "@db.internal:5432/app\n  password: ${{ secrets.DB_PASSWORD }}\n");
        write("infra/settings.json", "{\n  \"region\": \"eu-west-1\",\n  \"api_key\": \"" + jsonKey + "\"\n}\n");
        write("web/app.js", "const apiKey = \"" + jsKey + "\";\nconst placeholder = \"<token>\";\n");
        write("tools/main.py", "password = \"" + pyPassword + "\"\nsecret = os.environ[\"SECRET\"]\n");
        write("scripts/deploy.sh", "#!/bin/sh\nexport GITHUB_TOKEN=" + githubToken + "\nexport NPM_TOKEN=changeme\n");
        write("keys/service.pem", pem);
        write("docs/setup.md", "Set `password: <your-password>` and `token: xxxxxxxxxxxxxxxx` in the config.\n");
        planted.put(envPassword, "password");
        planted.put(githubToken, "token");
        planted.put(propsPassword, "password");
        planted.put(yamlToken, "token");
        planted.put(dbPassword, "connection-string");
        planted.put(jsonKey, "api-key");
        planted.put(jsKey, "api-key");
        planted.put(pyPassword, "password");
        planted.put(pem.strip(), "private-key");
    }

    private static String fp(String secret) {
        return new SecretValue(secret).fingerprint();
    }

    private static JsonNode entry(JsonNode inv, String secret) {
        for (JsonNode s : inv.path("secrets")) {
            if (s.path("fingerprint").asText().equals(fp(secret))) {
                return s;
            }
        }
        return null;
    }

    @Test
    void scansTheFolderIntoACorrectInventory() {
        Cli.Result r = Cli.run("scan", dir.toString(), "-f", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode inv = r.json();
        assertThat(inv.path("schema").asText()).isEqualTo("sprawl-inventory/1");
        assertThat(inv.at("/scan/complete").asBoolean()).as(inv.at("/scan/warnings").toString()).isTrue();
        for (Map.Entry<String, String> e : planted.entrySet()) {
            JsonNode s = entry(inv, e.getKey());
            assertThat(s).as("planted %s secret", e.getValue()).isNotNull();
            assertThat(s.path("category").asText()).as(s.path("rule").asText()).isEqualTo(e.getValue());
        }
        assertThat(inv.path("secrets")).as("nothing but the planted secrets").hasSize(planted.size());
        JsonNode gh = entry(inv, githubToken);
        assertThat(gh.path("provider").asText()).isEqualTo("github");
        assertThat(gh.path("confidence").asText()).isEqualTo("high");
        assertThat(gh.at("/attributes/checksum").asText()).isEqualTo("valid");
        JsonNode key = entry(inv, pem.strip());
        assertThat(key.at("/locations/0/path").asText()).isEqualTo("keys/service.pem");
        assertThat(key.at("/locations/0/line").asInt()).isEqualTo(1);
        // owners: infra/ and *.py are owned, the rest carry missing-owner
        for (JsonNode s : inv.path("secrets")) {
            String path = s.at("/locations/0/path").asText();
            if (path.startsWith("infra/")) {
                assertThat(s.at("/owner/name").asText()).isEqualTo("@acme/platform");
                assertThat(s.at("/owner/source").asText()).isEqualTo("codeowners");
                assertThat(s.path("findings")).isEmpty();
            } else if (path.endsWith(".py")) {
                assertThat(s.at("/owner/name").asText()).isEqualTo("@acme/python");
            } else {
                assertThat(s.path("owner").isNull()).as(path).isTrue();
                assertThat(s.at("/findings/0/code").asText()).isEqualTo("missing-owner");
                assertThat(s.at("/findings/0/severity").asText()).isEqualTo("high");
            }
            assertThat(s.at("/locations/0/context").asText()).isNotEmpty();
        }
        assertThat(entry(inv, planted.keySet().iterator().next()).at("/locations/0/context").asText()).isEqualTo("config");
    }

    @Test
    void noSecretValueReachesAnyOutput() {
        List<String> outputs = new ArrayList<>();
        for (String format : new String[] {"json", "table", "sarif"}) {
            Cli.Result r = Cli.run("scan", dir.toString(), "-f", format);
            outputs.add(r.out());
            outputs.add(r.err());
        }
        for (String out : outputs) {
            for (String secret : planted.keySet()) {
                assertThat(out).doesNotContain(secret);
                // no long fragment either
                String middle = secret.substring(secret.length() / 2 - 3, secret.length() / 2 + 3);
                assertThat(out).doesNotContain(middle);
            }
        }
        // the canary can fail: with --show-secrets the values are there
        Cli.Result shown = Cli.run("scan", dir.toString(), "-f", "json", "--show-secrets");
        assertThat(shown.out()).contains(githubToken);
    }

    @Test
    void cleanFolderExitsZero() throws IOException {
        Path clean = Files.createDirectories(dir.resolve("clean-only"));
        Files.writeString(clean.resolve("README.md"), "Nothing to see. password: <password>\n");
        Cli.Result r = Cli.run("scan", clean.toString());
        assertThat(r.code()).isZero();
        assertThat(r.json().path("secrets")).isEmpty();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(Cli.run("scan", "--no-such-flag").code()).isEqualTo(2);
        assertThat(Cli.run("scan", dir.toString(), "--fail-on", "sometimes").code()).isEqualTo(2);
        assertThat(Cli.run("scan", dir.resolve("missing").toString()).code()).isEqualTo(2);
        assertThat(Cli.run("scan", dir.toString(), "--max-file-size", "lots").code()).isEqualTo(2);
        assertThat(Cli.run("frobnicate").code()).isEqualTo(2);
    }

    @Test
    void badUserRuleFileExitsTwoWithItsLocation() throws IOException {
        Path rules = dir.resolve("bad-rules.yml");
        Files.writeString(rules, "rules:\n  - id: bad\n    name: Bad\n    provider: me\n    category: token\n"
                + "    keywords: [bad_]\n    pattern: 'bad_[a-z]+'\n");
        Cli.Result r = Cli.run("scan", dir.toString(), "--rules", rules.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(rules + ":2: rule 'bad': pattern has no 'secret' group");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void policyFlagsDecideTheExitCode() {
        assertThat(Cli.run("scan", dir.toString(), "--fail-on", "never").code()).isZero();
        Path onlyGeneric = dir.resolve("tools");
        assertThat(Cli.run("scan", onlyGeneric.toString(), "--fail-confidence", "high").code()).isZero();
        assertThat(Cli.run("scan", onlyGeneric.toString(), "--fail-confidence", "medium").code()).isEqualTo(1);
    }

    @Test
    void oversizedFileMakesTheScanIncomplete() throws IOException {
        Path clean = Files.createDirectories(dir.resolve("big"));
        Files.writeString(clean.resolve("huge.log"), "x".repeat(5000));
        Cli.Result r = Cli.run("scan", clean.toString(), "--max-file-size", "1K");
        assertThat(r.code()).isEqualTo(3);
        JsonNode inv = r.json();
        assertThat(inv.at("/scan/complete").asBoolean()).isFalse();
        assertThat(inv.at("/scan/warnings/0/code").asText()).isEqualTo("file-too-large");
        assertThat(inv.at("/scan/warnings/0/path").asText()).isEqualTo("huge.log");
        // incomplete and secrets found: 1, still marked incomplete
        Cli.Result both = Cli.run("scan", dir.toString(), "--max-file-size", "100");
        assertThat(both.code()).isEqualTo(1);
        assertThat(both.json().at("/scan/complete").asBoolean()).isFalse();
    }

    @Test
    void baselineMakesKnownSecretsOld() throws IOException {
        Path base = dir.resolve("../baseline-" + System.nanoTime() + ".json").normalize();
        assertThat(Cli.run("scan", dir.toString(), "-o", base.toString()).code()).isEqualTo(1);
        Cli.Result again = Cli.run("scan", dir.toString(), "--baseline", base.toString());
        assertThat(again.code()).isZero();
        for (JsonNode s : again.json().path("secrets")) {
            assertThat(s.path("new").asBoolean()).isFalse();
        }
        String fresh = TestSecrets.githubToken("ghp_");
        Files.writeString(dir.resolve("scripts/new.sh"), "TOKEN=" + fresh + "\n");
        Cli.Result withNew = Cli.run("scan", dir.toString(), "--baseline", base.toString());
        assertThat(withNew.code()).isEqualTo(1);
        assertThat(entry(withNew.json(), fresh).path("new").asBoolean()).isTrue();
        Files.writeString(base, "{\"not\": \"an inventory\"}");
        assertThat(Cli.run("scan", dir.toString(), "--baseline", base.toString()).code()).isEqualTo(2);
        Files.delete(base);
    }

    @Test
    void outputFileIsPrivateAndNeverASymlink() throws IOException {
        Path out = dir.resolve("../report-" + System.nanoTime() + ".json").normalize();
        assertThat(Cli.run("scan", dir.toString(), "-o", out.toString()).code()).isEqualTo(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        assertThat(Files.readString(out)).contains("sprawl-inventory/1");
        Path link = dir.resolve("../link-" + System.nanoTime() + ".json").normalize();
        Path victim = dir.resolve("victim.txt");
        Files.writeString(victim, "keep me");
        Files.createSymbolicLink(link, victim);
        Cli.Result r = Cli.run("scan", dir.toString(), "-o", link.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(Files.readString(victim)).isEqualTo("keep me");
        Files.delete(out);
        Files.delete(link);
    }

    @Test
    void userRulesAreUsedAndCannotHangTheScan() throws IOException {
        String token = "acme_" + TestSecrets.alnum(24);
        Files.writeString(dir.resolve("custom.txt"), "key " + token + "\n" + "a".repeat(40) + "\n");
        Path rules = dir.resolve("../user-rules-" + System.nanoTime() + ".yml").normalize();
        Files.writeString(rules, """
                rules:
                  - id: acme-internal-token
                    name: ACME internal token
                    provider: acme
                    category: token
                    keywords: [acme_]
                    pattern: '\\b(?<secret>acme_[A-Za-z0-9]{24})\\b'
                    examples: ['acme_Q2w3E4r5T6y7U8i9O0p1A2s3']
                    negativeExamples: ['acme_short']
                  - id: evil-backtracking
                    name: Catastrophic
                    provider: acme
                    category: token
                    keywords: [aaaa]
                    pattern: '(?<secret>(a|a?){30}b)'
                """);
        Cli.Result r = Cli.run("scan", dir.resolve("custom.txt").toString(), "--rules", rules.toString());
        assertThat(r.code()).isEqualTo(1);
        JsonNode inv = r.json();
        assertThat(entry(inv, token).path("rule").asText()).isEqualTo("acme-internal-token");
        assertThat(inv.at("/scan/complete").asBoolean()).isFalse();
        assertThat(inv.at("/scan/warnings/0/code").asText()).isEqualTo("regex-budget");
        Files.delete(rules);
    }

    @Test
    void tableIsOneLinePerSecretWithASummary() {
        Cli.Result r = Cli.run("scan", dir.toString(), "-f", "table");
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).startsWith("CONFIDENCE");
        assertThat(lines).hasSize(planted.size() + 3);
        assertThat(lines[lines.length - 2]).startsWith("governance: ");
        assertThat(r.out()).contains("NO OWNER").contains("@acme/platform").doesNotContain("\u001b[");
        assertThat(lines[lines.length - 1]).startsWith(planted.size() + " secrets").endsWith("scan complete");
    }

    @Test
    void helpListsExitCodesAndVersionPrints() {
        Cli.Result help = Cli.run("scan", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Exit codes:").contains("--fail-on").contains("--exclude");
        Cli.Result version = Cli.run("--version");
        assertThat(version.out()).startsWith("sprawl ");
    }
}
