package dev.sprawl.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.classify.Finding;
import dev.sprawl.detect.Detector;
import dev.sprawl.rules.RuleCatalog;
import dev.sprawl.rules.RuleLoadException;
import dev.sprawl.source.Blob;
import dev.sprawl.source.Provenance;
import dev.sprawl.source.ScanWarning;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How analyzer results merge with the rule scan, and how failures stay harmless. */
class StructuredScanTest {

    @Test
    void everyBuiltInAnalyzerIsRegisteredOnce() {
        List<Analyzer> analyzers = StructuredScan.registered();
        Set<String> ids = new HashSet<>();
        for (Analyzer a : analyzers) {
            assertThat(ids.add(a.id())).as("duplicate analyzer id %s", a.id()).isTrue();
        }
        assertThat(ids).contains("github-actions", "gitlab-ci", "circleci", "azure-pipelines", "bitbucket-pipelines",
                "travis", "drone", "jenkinsfile", "dockerfile", "docker-compose", "docker-config", "kubernetes",
                "helm-values", "kustomize", "terraform", "terraform-state", "cloudformation", "ansible", "pulumi");
    }

    @Test
    void aProviderRuleKeepsItsTypeAndGainsTheKey() {
        String ghp = TestSecrets.githubToken("ghp_");
        Analysis a = Analysis.of(".gitlab-ci.yml", "variables:\n  GH_TOKEN: " + ghp + "\n");
        Finding f = a.finding(ghp);
        assertThat(f.rule().id()).isEqualTo("github-pat-classic");
        assertThat(f.location().details()).containsEntry("key", "variables.GH_TOKEN");
        assertThat(f.location().context()).isEqualTo("ci");
        assertThat(f.attributes()).containsEntry("checksum", "valid");
    }

    @Test
    void aGenericMatchOfTheSameValueBecomesTheAnalyzersFinding() {
        String pw = TestSecrets.password();
        Analysis a = Analysis.of("docker-compose.yml", "services:\n  db:\n    environment:\n      DB_PASSWORD: \"" + pw + "\"\n");
        Finding f = a.finding(pw);
        assertThat(f.rule().id()).isEqualTo("compose-literal-credential");
        assertThat(f.location().line()).isEqualTo(4);
        assertThat(f.location().column()).isEqualTo(21);
    }

    @Test
    void parseFailureHidesNothingAndIsOnlyAWarning() {
        String pw = TestSecrets.password();
        Analysis a = Analysis.of(".gitlab-ci.yml", "variables:\n  DB_PASSWORD: " + pw + "\n  broken: [unclosed\n");
        assertThat(a.finding(pw).rule().id()).as("the text scan still ran").isEqualTo("generic-password");
        ScanWarning w = a.warnings().get(0);
        assertThat(w.code()).isEqualTo("analysis-parse-error");
        assertThat(w.incomplete()).isFalse();
        assertThat(w.path()).isEqualTo(".gitlab-ci.yml");
        assertThat(w.message()).doesNotContain(pw).contains("line");
    }

    @Test
    void duplicateKeysAreAllReported() {
        String first = TestSecrets.alnum(20);
        String second = TestSecrets.alnum(20);
        Analysis a = Analysis.of("Pulumi.prod.yaml", "config:\n  app:apiToken: " + first + "\n  app:apiToken: " + second + "\n");
        assertThat(a.finding(first).rule().id()).isEqualTo("pulumi-plaintext-config");
        assertThat(a.finding(second).rule().id()).isEqualTo("pulumi-plaintext-config");
    }

    @Test
    void genericHitsOnNonLiteralsAreDropped() {
        Analysis a = Analysis.of("group_vars/all.yml", """
                db_password: !vault |
                  $ANSIBLE_VAULT;1.1;AES256
                  6231336539666234306139346433616338376437376461363365363430623138
                """);
        a.assertSilent();
        Analysis cfn = Analysis.of("stack.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Db:\n"
                + "    Type: AWS::RDS::DBInstance\n    Properties:\n      MasterUserPassword: !GetAtt Secret.Password\n");
        cfn.assertSilent();
    }

    @Test
    void testPathsKeepTheirContextAndLowerConfidence() {
        String pw = TestSecrets.password();
        Analysis a = Analysis.of("src/test/resources/.gitlab-ci.yml", "variables:\n  DB_PASSWORD: " + pw + "\n");
        Finding f = a.finding(pw);
        assertThat(f.location().context()).isEqualTo("test");
        assertThat(f.confidence().label()).isEqualTo("medium");
    }

    @Test
    void oversizedFilesGetTheTextScanOnly() {
        String pw = TestSecrets.password();
        String yaml = "variables:\n  DB_PASSWORD: " + pw + "\n# " + "x".repeat(200) + "\n";
        Analysis a = Analysis.of(".gitlab-ci.yml", yaml, 100);
        assertThat(a.finding(pw).rule().id()).isEqualTo("generic-password");
        assertThat(a.warnings()).extracting(ScanWarning::code).containsExactly("analysis-skipped");
        assertThat(a.warnings().get(0).incomplete()).isFalse();
    }

    @Test
    void aFailingAnalyzerIsAWarningNotACrash() {
        Analyzer broken = new Analyzer() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public Fit fit(String path, String fileName) {
                return Fit.NAME;
            }

            @Override
            public void analyze(AnalyzerInput in, AnalyzerOutput out) {
                throw new IllegalStateException("bug");
            }
        };
        List<Analyzer> analyzers = new ArrayList<>(StructuredScan.registered());
        analyzers.add(0, broken);
        String pw = TestSecrets.password();
        Analysis a = Analysis.of(new StructuredScan(analyzers, StructuredScan.DEFAULT_MAX_PARSE_SIZE), ".gitlab-ci.yml",
                "variables:\n  DB_PASSWORD: " + pw + "\n");
        assertThat(a.finding(pw).rule().id()).isEqualTo("ci-literal-credential");
        assertThat(a.warnings()).extracting(ScanWarning::code).containsExactly("analyzer-error");
    }

    @Test
    void filesNoAnalyzerWantsAreUntouched() {
        String pw = TestSecrets.password();
        Analysis a = Analysis.of("notes/setup.sh", "export DB_PASSWORD=" + pw + "\n");
        Finding f = a.finding(pw);
        assertThat(f.rule().id()).isEqualTo("generic-password");
        assertThat(f.location().details()).isEmpty();
        assertThat(f.location().context()).isEqualTo("source");
    }

    @Test
    void helmTemplatesAndUnrelatedYamlAreNotWarnedAbout() {
        Analysis a = Analysis.of("charts/app/templates/secret.yaml",
                "apiVersion: v1\nkind: Secret\ndata:\n  password: {{ .Values.password | b64enc }}\n");
        a.assertSilent();
        assertThat(a.warnings()).isEmpty();
        Analysis other = Analysis.of("data/broken.yml", "a: [\n");
        assertThat(other.warnings()).isEmpty();
    }

    @Test
    void crlfAndByteOrderMarkKeepPositions() {
        String pw = TestSecrets.password();
        Analysis a = Analysis.of("ci/.gitlab-ci.yml", "\uFEFFvariables:\r\n  OTHER: x\r\n  DB_PASSWORD: '" + pw + "'\r\n");
        Finding f = a.finding(pw);
        assertThat(f.rule().id()).isEqualTo("ci-literal-credential");
        assertThat(f.location().line()).isEqualTo(3);
        assertThat(f.location().column()).isEqualTo(17);
    }

    @Test
    void eachPlaceOfABlobIsAnalyzedForItsOwnPath() {
        String pw = TestSecrets.password();
        byte[] bytes = ("variables:\n  DB_PASSWORD: " + pw + "\n").getBytes(StandardCharsets.UTF_8);
        Blob blob = new Blob(bytes, bytes.length,
                List.of(Provenance.file(".gitlab-ci.yml"), Provenance.file("backup/ci.txt")));
        Detector detector;
        try {
            detector = new Detector(RuleCatalog.load(RuleCatalog.builtinSources()));
        } catch (RuleLoadException e) {
            throw new AssertionError(e);
        }
        StructuredScan.Result r = new StructuredScan(StructuredScan.registered(), StructuredScan.DEFAULT_MAX_PARSE_SIZE)
                .apply(blob, detector.detect(bytes, bytes.length).matches(), (d, w) -> List.of());
        assertThat(r.findings()).hasSize(2);
        Finding ci = r.findings().stream().filter(f -> f.location().path().equals(".gitlab-ci.yml")).findFirst().orElseThrow();
        Finding txt = r.findings().stream().filter(f -> f.location().path().equals("backup/ci.txt")).findFirst().orElseThrow();
        assertThat(ci.rule().id()).isEqualTo("ci-literal-credential");
        assertThat(ci.location().context()).isEqualTo("ci");
        assertThat(txt.rule().id()).isEqualTo("generic-password");
        assertThat(txt.location().details()).isEmpty();
        assertThat(ci.secret()).isEqualTo(txt.secret());
    }
}
