package dev.sprawl.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.rules.RuleCatalog;
import dev.sprawl.rules.RuleLoadException;
import dev.sprawl.rules.RuleSet;
import dev.sprawl.rules.RuleSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorTest {

    static RuleSet rules(String yaml) throws RuleLoadException {
        return RuleCatalog.load(List.of(new RuleSource("test.yml", yaml)));
    }

    static String rule(String id, String keyword, String pattern, String extra) {
        return "  - id: " + id + "\n    name: " + id + "\n    provider: " + (id.startsWith("generic") ? "generic" : "test")
                + "\n    category: token\n    keywords: [" + keyword + "]\n    pattern: '" + pattern.replace("'", "''")
                + "'\n" + extra;
    }

    static Detection detect(RuleSet rules, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new Detector(rules).detect(b, b.length);
    }

    @Test
    void findsSecretGroupAtByteOffsets() throws Exception {
        RuleSet rs = rules("rules:\n" + rule("tok", "tok_", "\\b(?<secret>tok_[A-Za-z0-9]{20})\\b", ""));
        String token = "tok_" + TestSecrets.alnum(20);
        String text = "héllo\nkey = \"" + token + "\"\n";
        Detection d = detect(rs, text);
        assertThat(d.matches()).hasSize(1);
        Match m = d.matches().get(0);
        assertThat(m.secret().reveal()).isEqualTo(token);
        assertThat(m.start()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length - token.length() - 2);
    }

    @Test
    void wordBoundariesSeeOutsideTheWindow() throws Exception {
        // the window starts right before the keyword; \b must still see the preceding letter
        RuleSet rs = rules("rules:\n" + rule("tok", "tok_", "\\b(?<secret>tok_[a-z0-9]{8})\\b", ""));
        String filler = "a".repeat(5000);
        assertThat(detect(rs, filler + "tok_abcd1234 ").matches()).isEmpty();
        assertThat(detect(rs, filler + " tok_abcd1234 ").matches()).hasSize(1);
    }

    @Test
    void findsEveryOccurrenceInALongBlob() throws Exception {
        RuleSet rs = rules("rules:\n" + rule("tok", "tok_", "\\b(?<secret>tok_[A-Za-z0-9]{20})\\b", ""));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            sb.append("line ").append(i).append(" tok_").append(TestSecrets.alnum(20)).append('\n');
            sb.append("x".repeat(i % 7 * 100)).append('\n');
        }
        assertThat(detect(rs, sb.toString()).matches()).hasSize(300);
    }

    @Test
    void placeholdersAreNotMatches() throws Exception {
        RuleSet rs = rules("rules:\n" + rule("generic-pw", "password",
                "(?i)password\\s{0,3}[:=]\\s{0,3}[\"']?(?<secret>[^\\s\"']{1,64})", ""));
        for (String v : List.of("${DB_PASSWORD}", "${{ secrets.DB }}", "<password>", "changeme", "xxxxxxxx",
                "EXAMPLEPASSWORD", "\"\"", "{{ .Values.pw }}", "$DB_PASS", "********")) {
            assertThat(detect(rs, "password: " + v + "\n").matches()).as(v).isEmpty();
        }
        assertThat(detect(rs, "password: " + TestSecrets.password() + "\n").matches()).hasSize(1);
    }

    @Test
    void standInsAreKeptAsWeakNotDropped() throws Exception {
        RuleSet rs = rules("rules:\n" + rule("pw", "password",
                "password\\s{0,3}[:=]\\s{0,3}(?<secret>[^\\s]{1,64})", ""));
        for (String v : List.of("secret", "admin", "Qz1234567xv", "aaaaaaaaaaaa")) {
            Detection d = detect(rs, "password: " + v + "\n");
            assertThat(d.matches()).as(v).hasSize(1);
            assertThat(d.matches().get(0).weak()).as(v).isTrue();
        }
        Detection real = detect(rs, "password: " + TestSecrets.password() + "\n");
        assertThat(real.matches().get(0).weak()).isFalse();
    }

    @Test
    void genericRulesDropNamesUrlsAndReferences() throws Exception {
        RuleSet rs = rules("rules:\n" + rule("generic-pw", "password",
                "(?i)password\\s{0,3}[:=]\\s{0,3}[\"']?(?<secret>[^\\s\"']{1,64})", ""));
        for (String v : List.of("password", "https://auth.acme.test/reset-password", "cms/passwords#edit",
                "env.DB_PASSWORD", "process.env.DB_PASSWORD", "$DB_PASSWORD/suffix")) {
            assertThat(detect(rs, "password: " + v + "\n").matches()).as(v).isEmpty();
        }
        // a URL with credentials in it is still a finding
        assertThat(detect(rs, "password: https://ci:" + TestSecrets.alnum(12) + "@repo.acme.test\n").matches())
                .hasSize(1);
        // a plain word is kept, weak
        Detection word = detect(rs, "password: \"sesame\"\n");
        assertThat(word.matches()).hasSize(1);
        assertThat(word.matches().get(0).weak()).isTrue();
    }

    static String ruleIn(String category, String id, String keyword, String pattern) {
        return rule(id, keyword, pattern, "").replace("category: token", "category: " + category);
    }

    @Test
    void genericMachineCredentialsDropStandInsPasswordsKeepThemLow() throws Exception {
        String pattern = "(?i)(?:secret|password)\\s{0,3}[:=]\\s{0,3}[\"']?(?<secret>[^\\s\"']{1,64})";
        RuleSet rs = rules("rules:\n" + ruleIn("generic-secret", "generic-s", "secret", pattern)
                + ruleIn("password", "generic-p", "password", pattern)
                + ruleIn("token", "vendor-token", "vendor", "vendor_key=(?<secret>[A-Za-z0-9]{12,64})"));
        String run = TestSecrets.alnum(6) + "1234567890" + TestSecrets.alnum(6);
        String filler = "a".repeat(30) + "end";
        for (String v : List.of(run, filler)) {
            // a generated secret is never a counting run or one letter: typed by hand, not reported
            assertThat(detect(rs, "secret: " + v + "\n").matches()).as(v).isEmpty();
            // a person picks a password, and may pick that: reported, low
            Detection pw = detect(rs, "password: " + v + "\n");
            assertThat(pw.matches()).as(v).hasSize(1);
            assertThat(pw.matches().get(0).weak()).isTrue();
            // a provider's exact format is evidence of its own: reported, low
            Detection vendor = detect(rs, "vendor_key=" + v.replaceAll("[^A-Za-z0-9]", "") + "\n");
            assertThat(vendor.matches()).as(v).hasSize(1);
            assertThat(vendor.matches().get(0).weak()).isTrue();
        }
        assertThat(detect(rs, "secret: " + TestSecrets.alnum(24) + "\n").matches()).hasSize(1);
    }

    @Test
    void defaultWordsAreLowAndPlaceholderLikeWhereAPersonChoseTheValue() throws Exception {
        RuleSet rs = rules("rules:\n" + ruleIn("password", "generic-p", "password",
                "(?i)password\\s{0,3}[:=]\\s{0,3}[\"']?(?<secret>[^\\s\"'@]{1,64})")
                + ruleIn("token", "generic-t", "token",
                "(?i)token\\s{0,3}[:=]\\s{0,3}[\"']?(?<secret>[^\\s\"'@]{1,64})")
                + ruleIn("connection-string", "db-uri", "postgres://",
                "postgres://[a-z]{1,20}:(?<secret>[^@\\s]{1,64})@"));
        // the name repeated as the value is a field name, not a password
        assertThat(detect(rs, "password = 'Password'\n").matches()).isEmpty();
        assertThat(detect(rs, "password = 'secret'\n").matches()).isEmpty();
        for (String v : List.of("admin", "letmein", "qwerty")) {
            // a person may deploy a default password: reported, low, marked as the dummy it looks like
            Detection pw = detect(rs, "password = '" + v + "'\n");
            assertThat(pw.matches()).as(v).hasSize(1);
            assertThat(pw.matches().get(0).weak()).isTrue();
            assertThat(pw.matches().get(0).attributes()).containsEntry("placeholderLike", "true");
            // a machine makes a token: a default word there is a stand-in, not reported
            assertThat(detect(rs, "token = '" + v + "'\n").matches()).as(v).isEmpty();
            Detection uri = detect(rs, "postgres://app:" + v + "@db.internal/app\n");
            assertThat(uri.matches()).as(v).hasSize(1);
            assertThat(uri.matches().get(0).weak()).isTrue();
        }
    }

    @Test
    void credentialsForDocumentationAddressesAreExamples() throws Exception {
        RuleSet rs = rules("rules:\n" + ruleIn("connection-string", "db-uri", "postgres://",
                "postgres://[a-z]{1,20}:(?<secret>[^@\\s]{1,64})@"));
        String pw = TestSecrets.password().replace("@", "#");
        for (String host : List.of("192.0.2.10", "198.51.100.7:5432", "203.0.113.1", "[2001:db8::1234]", "[2001:DB8:0:1::5]")) {
            assertThat(detect(rs, "postgres://app:" + pw + "@" + host + "/db\n").matches()).as(host).isEmpty();
        }
        for (String host : List.of("192.0.20.10", "10.0.2.1", "[2001:db9::1]", "db.internal")) {
            assertThat(detect(rs, "postgres://app:" + pw + "@" + host + "/db\n").matches()).as(host).hasSize(1);
        }
    }

    @Test
    void genericUnquotedValuesWithAVariableInsideAreNotTheLiteral() throws Exception {
        RuleSet rs = rules("rules:\n" + ruleIn("password", "generic-p", "password",
                "(?i)password\\s{0,3}[:=]\\s{0,3}[\"']?(?<secret>[^\\s\"']{1,64})"));
        String body = TestSecrets.alnum(8);
        assertThat(detect(rs, "password = " + body + "$suffix\n").matches()).isEmpty();
        assertThat(detect(rs, "password = " + body + "${SUFFIX}x\n").matches()).isEmpty();
        // quoted, the same characters are the literal (single quotes never interpolate), reported low
        Detection quoted = detect(rs, "password = '" + body + "$suffix'\n");
        assertThat(quoted.matches()).hasSize(1);
        assertThat(quoted.matches().get(0).weak()).isTrue();
    }

    @Test
    void anonymousLoginIdentitiesAreNotPasswords() throws Exception {
        RuleSet rs = rules("rules:\n" + ruleIn("password", "generic-p", "password",
                "(?i)password\\s{0,3}[:=]\\s{0,3}[\"']?(?<secret>[^\\s\"']{1,64})"));
        for (String v : List.of("busybox@", "anonymous@", "ftp@downloads.acme.test", "wget-1.21@")) {
            assertThat(detect(rs, "password = \"" + v + "\"\n").matches()).as(v).isEmpty();
        }
        assertThat(detect(rs, "password = \"" + TestSecrets.alnum(6) + "@" + TestSecrets.alnum(6) + "\"\n").matches())
                .hasSize(1);
    }

    @Test
    void aPatternEndingInsideAQuoteStillRuns() throws Exception {
        RuleSet rs = rules("rules:\n" + rule("tok", "tok_", "(?<secret>tok_[a-z0-9]{12})\\Q!)", ""));
        String token = "tok_" + TestSecrets.alnum(12).toLowerCase(java.util.Locale.ROOT);
        assertThat(detect(rs, "x " + token + "!) y").matches()).extracting(m -> m.secret().reveal()).containsExactly(token);
        assertThat(detect(rs, "x " + token + "!x y").matches()).isEmpty();
        assertThat(Detector.closeQuote("a\\Qb\\Ec")).isEqualTo("a\\Qb\\Ec");
        assertThat(Detector.closeQuote("a\\\\Qb")).isEqualTo("a\\\\Qb");
        assertThat(Detector.closeQuote("a\\Qb\\\\")).isEqualTo("a\\Qb\\\\\\E");
    }

    @Test
    void lowEntropyIsKeptAsWeak() throws Exception {
        RuleSet rs = rules("rules:\n" + rule("tok", "tok_", "(?<secret>tok_[a-z]{8})", "    minEntropy: 3.5\n"));
        Detection d = detect(rs, "tok_aabbaabb");
        assertThat(d.matches()).hasSize(1);
        assertThat(d.matches().get(0).weak()).isTrue();
    }

    @Test
    void specificRuleBeatsGenericOnTheSameText() throws Exception {
        RuleSet rs = rules("rules:\n"
                + rule("generic-tok", "token", "(?i)token\\s{0,3}=\\s{0,3}(?<secret>[A-Za-z0-9_]{10,60})", "")
                + rule("tok", "tok_", "\\b(?<secret>tok_[A-Za-z0-9]{20})\\b", ""));
        String token = "tok_" + TestSecrets.alnum(20);
        Detection d = detect(rs, "token = " + token + "\nTOKEN = " + TestSecrets.alnum(24) + "\n");
        assertThat(d.matches()).extracting(m -> m.rule().id()).containsExactly("tok", "generic-tok");
    }

    @Test
    void catastrophicBacktrackingIsStoppedNotHung() throws Exception {
        // RESEARCH §4: (a|a?){30}b takes seconds on 30 a's with java.util.regex
        RuleSet rs = rules("rules:\n" + rule("evil", "aaa", "(?<secret>(a|a?){30}b)", ""));
        long t0 = System.nanoTime();
        Detection d = detect(rs, "a".repeat(30));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(d.problems()).extracting(DetectProblem::code).containsExactly("regex-budget");
        assertThat(took).isLessThan(Duration.ofSeconds(20)); // a hang, not a speed claim
    }

    @Test
    void nestedBoundedRepetitionIsStopped() throws Exception {
        RuleSet rs = rules("rules:\n" + rule("evil2", "xxx", "(?<secret>(?:x{1,30}){1,30}y)", ""));
        Detection d = detect(rs, "x".repeat(600));
        assertThat(d.problems()).extracting(DetectProblem::code).containsExactly("regex-budget");
    }

    @Test
    void deepAlternationDoesNotOverflowTheStack() throws Exception {
        RuleSet rs = rules("rules:\n" + rule("quoted", "qq\"", "qq\"(?<secret>(?:[^\"\\\\]|\\\\.){1,8000})\"", ""));
        Detection d = detect(rs, "qq\"" + "ab".repeat(100_000));
        // either it finishes without a match or it is stopped; it never throws
        assertThat(d.matches()).isEmpty();
    }

    @Test
    void matchLimitIsReported() throws Exception {
        RuleSet rs = rules("rules:\n" + rule("tok", "tok_", "\\b(?<secret>tok_[A-Za-z0-9]{8})\\b", ""));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            sb.append("tok_").append(TestSecrets.alnum(8)).append('\n');
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        Detection d = new Detector(rs, 10).detect(b, b.length);
        assertThat(d.matches()).hasSize(10);
        assertThat(d.problems()).extracting(DetectProblem::code).containsExactly("match-limit");
    }

    @Test
    void secretValueNeverPrintsItself() {
        String v = TestSecrets.alnum(32);
        SecretValue s = new SecretValue(v);
        assertThat(s.toString()).doesNotContain(v.substring(4, 28));
        assertThat(s.redacted()).isEqualTo(v.substring(0, 4) + "…" + v.substring(29));
        assertThat(new SecretValue("short").redacted()).isEqualTo("…");
        assertThat(s.fingerprint()).matches("sha256:[0-9a-f]{64}");
    }
}
