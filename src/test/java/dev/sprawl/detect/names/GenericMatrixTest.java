package dev.sprawl.detect.names;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.detect.Detection;
import dev.sprawl.detect.Detector;
import dev.sprawl.detect.Match;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.RuleCatalog;
import dev.sprawl.rules.RuleSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The generic detector as a matrix: every syntax × name style × value shape, each its own test.
 * Names include words no list holds ({@code mailrelay}, {@code orbit}); values are generated.
 */
class GenericMatrixTest {

    private static final Detector ENGINE = new Detector(RuleCatalog.loadValid(List.of(generic())));

    private static RuleSource generic() {
        try {
            return new RuleSource("rules/generic.yml", Files.readString(Path.of("rules/generic.yml")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A syntax: how {@code {N}} (the name) is bound to {@code {V}} (the value). */
    private static final List<String> SYNTAXES = List.of(
            "{N}={V}", "export {N}={V}", "{N} = \"{V}\"", "  {N}: {V}", "  {N}: \"{V}\"", "{\"{N}\": \"{V}\"}", "{N} := \"{V}\"",
            "  :{N} => '{V}',", "{N} {V}", "<{N}>{V}</{N}>", "<server {N}=\"{V}\" />", "<add key=\"{N}\" value=\"{V}\"/>",
            "cfg[\"{N}\"] = \"{V}\"", "connect({N}=\"{V}\", timeout=3)", "tool --{N} {V}", "{N} = '{V}'  # comment",
            "const {N} = `{V}`;", "Server=db;{N}={V};Database=app");

    private static final List<String> STRONG_NAMES = List.of(
            "DB_PASSWORD", "dbPassword", "db-password", "db.password", "MAILRELAY_SECRET", "orbitToken",
            "vendor_api_key", "feedApiKey");
    private static final List<String> UNLISTED_KEY_NAMES = List.of("mailrelay_key", "orbitKey", "TRACKR_KEY");

    @TestFactory
    Stream<DynamicTest> randomValuesAreFoundUnderEveryNameAndSyntax() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String syntax : SYNTAXES) {
            List<String> names = new ArrayList<>(STRONG_NAMES);
            names.addAll(UNLISTED_KEY_NAMES);
            for (String name : names) {
                String value = TestSecrets.alnum(12) + "-" + TestSecrets.alnum(8);
                String text = syntax.replace("{N}", name).replace("{V}", value);
                tests.add(DynamicTest.dynamicTest(syntax + " / " + name, () -> {
                    Match m = only(text);
                    assertThat(m).as(text).isNotNull();
                    assertThat(m.secret().reveal()).isEqualTo(value);
                    assertThat(confidence(m)).as(text).isIn(Confidence.MEDIUM, Confidence.HIGH);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> valueShapesDecideConfidence() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String syntax : List.of("{N}={V}", "  {N}: \"{V}\"", "{\"{N}\": \"{V}\"}", "<{N}>{V}</{N}>")) {
            String name = "SERVICE_PASSWORD";
            tests.add(DynamicTest.dynamicTest(syntax + " / word-like is low", () -> {
                Match m = only(syntax.replace("{N}", name).replace("{V}", "Summer2024!"));
                assertThat(m).isNotNull();
                assertThat(confidence(m)).isEqualTo(Confidence.LOW);
            }));
            tests.add(DynamicTest.dynamicTest(syntax + " / dummy is low and placeholder-like", () -> {
                Match m = only(syntax.replace("{N}", name).replace("{V}", "1234567890abcdef"));
                assertThat(m).isNotNull();
                assertThat(confidence(m)).isEqualTo(Confidence.LOW);
                assertThat(m.attributes()).containsEntry("placeholderLike", "true");
            }));
            for (String none : List.of("${DB_PASSWORD}", "{{ .Values.db.password }}", "%(db_password)s", "changeme",
                    "your_password_here", "<password>", "xxxxxxxxxxxx")) {
                tests.add(DynamicTest.dynamicTest(syntax + " / " + none + " is not reported", () ->
                        assertThat(only(syntax.replace("{N}", name).replace("{V}", none))).isNull()));
            }
            String strong = TestSecrets.alnum(16) + "+/" + TestSecrets.alnum(10);
            tests.add(DynamicTest.dynamicTest(syntax + " / long random is high", () -> {
                Match m = only(syntax.replace("{N}", name).replace("{V}", strong));
                assertThat(m).isNotNull();
                assertThat(confidence(m)).isEqualTo(Confidence.HIGH);
            }));
        }
        // a here-document opener: the value is on the next lines (the text rules judge it there)
        for (String opener : List.of("<<EOT", "<<-EOF", "<<~SQL", "<<'END'")) {
            tests.add(DynamicTest.dynamicTest("heredoc " + opener + " is not reported", () -> {
                assertThat(only("  private_key_pem = " + opener)).isNull();
                assertThat(only("DB_PASSWORD=" + opener)).isNull();
            }));
        }
        // labels, identifiers and settings made of words: low under a credential's name, nothing under a bare key
        for (String words : List.of("Signed-off-by:", "sequencerInUse", "p4ExitCode", "Helped-by", "Revision-number:",
                "protocol=http", "section.sub=section.val1", "no-explicit-challenge:also-valid")) {
            tests.add(DynamicTest.dynamicTest("words " + words, () -> {
                assertThat(only("  .key = \"" + words + "\",")).as(words).isNull();
                Match m = only("SERVICE_TOKEN=\"" + words + "\"");
                assertThat(m).as(words).isNotNull();
                assertThat(confidence(m)).as(words).isEqualTo(Confidence.LOW);
            }));
        }
        // generated values are not words, whatever their separators
        for (int i = 0; i < 20; i++) {
            String random = TestSecrets.alnum(6) + "-" + TestSecrets.alnum(6) + "-" + TestSecrets.alnum(6);
            tests.add(DynamicTest.dynamicTest("random " + i + " under a bare key", () ->
                    assertThat(only("key = \"" + random + "\"")).as(random).isNotNull()));
        }
        // another option where the value would be; a value quoted twice is judged by its inner literal
        for (String text : List.of("git repo info --keys --format=lines", "CFLAGS += -DNO_ETC_PASSWD -DNO_ST_BLOCKS",
                "\t-DUSER_CREDENTIALS='\"$(USER_CREDENTIALS_SQ)\"'")) {
            tests.add(DynamicTest.dynamicTest("not a value: " + text, () -> assertThat(only(text)).as(text).isNull()));
        }
        // a test log's result lines hold a label inside the value: not bindings; a passphrase still is one
        for (String text : List.of("PASS: gdb.ada/assign_1.exp: changing the language to ada",
                "PASS: gdb.base/break.exp: set convenience variable $xxx to 1", "Password: see below: the vault",
                "PASS: gdb.arch/amd64-osabi.exp: arch=i386:x86-64: set architecture i386:x86-64",
                "PASS: gdb.testsuite/string_to_regexp.exp: #1: got expected re")) {
            tests.add(DynamicTest.dynamicTest("log line: " + text, () -> assertThat(only(text)).as(text).isNull()));
        }
        // an env file inside a JSON string: an escaped line break ends the unquoted value
        String hex = TestSecrets.hex(32);
        tests.add(DynamicTest.dynamicTest("escaped line break", () -> {
            Match m = only("  \"VENDOR_API_KEY: " + hex + "\\nVENDOR_REGION: eu\\n\"");
            assertThat(m).isNotNull();
            assertThat(m.secret().reveal()).isEqualTo(hex);
            assertThat(confidence(m)).isIn(Confidence.MEDIUM, Confidence.HIGH);
        }));
        tests.add(DynamicTest.dynamicTest("passphrase", () -> {
            String phrase = String.join(" ", "correct", "horse", "battery", "staple");
            Match m = only("  password: " + phrase);
            assertThat(m).isNotNull();
            assertThat(m.secret().reveal()).isEqualTo(phrase);
            assertThat(confidence(m)).isEqualTo(Confidence.LOW);
        }));
        // a verb before key names a lookup (has_key, get_key), a sender's address is no password
        tests.add(DynamicTest.dynamicTest("has_key(...)", () -> assertThat(only("if env.has_key(\"EDITOR_X\"):")).isNull()));
        tests.add(DynamicTest.dynamicTest("password sender", () ->
                assertThat(only("$wgPasswordSender = \"apache@localhost\";")).isNull()));
        // an ambiguous name needs a random value: a word under a bare key is no credential
        tests.add(DynamicTest.dynamicTest("key: word is not reported", () -> assertThat(only("key: welcome_title")).isNull()));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> urlPasswordsKeepUnescapedCharacters() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String special : List.of("#", "!", "@", "/", "?", ":")) {
            String password = TestSecrets.alnum(5) + special + TestSecrets.alnum(6);
            String text = "DATABASE_URL=postgres://svc-orders:" + password + "@db.internal:5432/orders";
            tests.add(DynamicTest.dynamicTest("unescaped " + special, () -> {
                Match m = only(text);
                assertThat(m).as(text).isNotNull();
                assertThat(m.secret().reveal()).isEqualTo(password);
                assertThat(m.identities()).extracting(Match.IdentitySpan::kind, Match.IdentitySpan::value)
                        .contains(org.assertj.core.groups.Tuple.tuple("user", "svc-orders"),
                                org.assertj.core.groups.Tuple.tuple("host", "db.internal"));
            }));
        }
        String encoded = TestSecrets.alnum(6);
        tests.add(DynamicTest.dynamicTest("percent-decoded for the fingerprint", () -> {
            Match m = only("https://deploy:" + encoded + "%40x@git.internal/repo.git");
            assertThat(m.secret().reveal()).isEqualTo(encoded + "@x");
        }));
        return tests.stream();
    }

    private static Confidence confidence(Match m) {
        return m.weak() ? Confidence.LOW : m.confidence() != null ? m.confidence() : m.rule().confidence();
    }

    /** The single generic match in {@code text}, or null; fails on more than one. */
    private static Match only(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Detection d = ENGINE.detect(b, b.length);
        assertThat(d.problems()).isEmpty();
        assertThat(d.matches()).as(text).hasSizeLessThanOrEqualTo(1);
        return d.matches().isEmpty() ? null : d.matches().get(0);
    }
}
