package dev.sprawl.govern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strict reading of the identities manifest: every problem names file and line. */
class ManifestParserTest {

    static final String FULL = """
            policy:
              maxAge: 12w
              fail: [identity-expired, rotation-overdue]
            identities:
              - name: billing-db
                owner: "@acme/billing"
                purpose: billing service reads and writes the orders database
                scope: db.internal/orders
                expires: 2027-03-31
                rotateEvery: 30d
                match:
                  identity: svc-billing
                  path: [deploy/**, "*.env"]
              - name: ci-deployer
                owner: "@acme/platform"
                match:
                  rule: aws-access-key-id
                  provider: aws
              - name: legacy
                match:
                  fingerprint: sha256:%s
            """.formatted("0f".repeat(32));

    private static List<String> problems(String yaml) {
        try {
            ManifestParser.parse("m.yaml", yaml);
        } catch (ManifestException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems in:\n" + yaml);
    }

    @Test
    void readsTheFullExample() throws ManifestException {
        Manifest m = ManifestParser.parse("m.yaml", FULL);
        assertThat(m.policy().maxAgeDays()).isEqualTo(84);
        assertThat(m.policy().fail()).containsExactlyInAnyOrder("identity-expired", "rotation-overdue");
        assertThat(m.identities()).extracting(DeclaredIdentity::name).containsExactly("billing-db", "ci-deployer", "legacy");
        DeclaredIdentity billing = m.identities().get(0);
        assertThat(billing.owner()).isEqualTo("@acme/billing");
        assertThat(billing.expires()).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(billing.rotateEveryDays()).isEqualTo(30);
        assertThat(billing.line()).isEqualTo(5);
        assertThat(billing.ownerLine()).isEqualTo(6);
        assertThat(billing.match().identities()).containsExactly("svc-billing");
        assertThat(billing.match().paths()).containsExactly("deploy/**", "*.env");
        assertThat(m.identities().get(1).purpose()).isNull();
        assertThat(m.identities().get(1).match().rules()).containsExactly("aws-access-key-id");
    }

    @Test
    void defaultsAndEmptyFile() throws ManifestException {
        assertThat(ManifestParser.parse("m.yaml", "").policy()).isEqualTo(Policy.DEFAULT);
        assertThat(ManifestParser.parse("m.yaml", "identities: []\n").policy().maxAgeDays()).isEqualTo(90);
    }

    @Test
    void durations() {
        assertThat(ManifestParser.days("90d")).isEqualTo(90);
        assertThat(ManifestParser.days("2w")).isEqualTo(14);
        assertThat(ManifestParser.days("1y")).isEqualTo(365);
        assertThat(ManifestParser.days("0d")).isNull();
        assertThat(ManifestParser.days("90")).isNull();
        assertThat(ManifestParser.days("3 months")).isNull();
    }

    @Test
    void everyProblemHasFileAndLine() {
        assertThat(problems("policy:\n  maxAge: 90\n")).containsExactly(
                "m.yaml:2: maxAge must be a duration such as 90d, 12w or 1y, not '90'");
        assertThat(problems("policy:\n  fail: [no-such-code]\n")).singleElement().asString()
                .startsWith("m.yaml:2: unknown finding code 'no-such-code'");
        assertThat(problems("identities:\n  - name: a\n    owners: x\n    match: {rule: r}\n")).singleElement()
                .asString().startsWith("m.yaml:3: unknown key 'owners' in an identity");
        assertThat(problems("polciy: {}\n")).singleElement().asString().startsWith("m.yaml:1: unknown key 'polciy'");
        assertThat(problems("identities:\n  - name: a\n    expires: 2027-02-30\n    match: {rule: r}\n"))
                .containsExactly("m.yaml:3: expires must be a date such as 2027-03-31, not '2027-02-30'");
        assertThat(problems("identities:\n  - name: a\n    rotateEvery: monthly\n    match: {rule: r}\n"))
                .containsExactly("m.yaml:3: rotateEvery must be a duration such as 30d, 12w or 1y, not 'monthly'");
        assertThat(problems("identities:\n  - name: a\n    match:\n      path: 'deploy/[a'\n"))
                .containsExactly("m.yaml:4: path 'deploy/[a' is not a valid glob");
        assertThat(problems("identities:\n  - name: a\n    match:\n      fingerprint: abc\n"))
                .containsExactly("m.yaml:4: fingerprint must be sha256: and 64 lowercase hex digits");
        assertThat(problems("identities:\n  - name: a\n")).containsExactly(
                "m.yaml:2: identity 'a' needs a 'match' (fingerprint, rule, provider, path or identity)");
        assertThat(problems("identities:\n  - name: a\n    match: {}\n"))
                .containsExactly("m.yaml:3: identity 'a' has an empty 'match'");
        assertThat(problems("identities:\n  - name: a\n    match: {rule: }\n"))
                .as("a criterion without value selects nothing, so the match is empty")
                .containsExactly("m.yaml:3: identity 'a' has an empty 'match'");
        assertThat(problems("identities:\n  - name: a\n    match: {rule: r}\n  - name: a\n    match: {rule: s}\n"))
                .containsExactly("m.yaml:4: identity 'a' is declared twice");
        assertThat(problems("identities:\n  - owner: x\n    match: {rule: r}\n"))
                .containsExactly("m.yaml:2: an identity needs a 'name'");
        assertThat(problems("policy:\n  maxAge: 30d\n  maxAge: 60d\n")).containsExactly("m.yaml:3: duplicate key 'maxAge'");
        assertThat(problems("identities: {a: b}\n")).containsExactly("m.yaml:1: 'identities' must be a list");
        assertThat(problems("- a\n- b\n")).containsExactly("m.yaml:1: the manifest must be a mapping");
        assertThat(problems("policy: [\n")).singleElement().asString().startsWith("m.yaml:2: not valid YAML");
    }

    @Test
    void neverConstructsObjects() {
        assertThat(problems("policy: !!javax.script.ScriptEngineManager [x]\n")).singleElement().asString()
                .startsWith("m.yaml:1: not valid YAML: Global tag is not allowed");
    }

    @Test
    void collectsSeveralProblems() {
        assertThatThrownBy(() -> ManifestParser.parse("m.yaml",
                "policy:\n  maxAge: x\nidentities:\n  - name: a\n    color: red\n    match: {rule: r}\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("m.yaml:2:").hasMessageContaining("m.yaml:5:");
    }
}
