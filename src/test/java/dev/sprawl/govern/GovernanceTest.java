package dev.sprawl.govern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.classify.Identity;
import dev.sprawl.classify.Location;
import dev.sprawl.detect.SecretValue;
import dev.sprawl.inventory.GovernanceFinding;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.inventory.Owner;
import dev.sprawl.inventory.SecretEntry;
import dev.sprawl.inventory.SuggestedOwner;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Governance over inventories built by hand, against a fixed scan start. */
class GovernanceTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Owner CODEOWNERS = new Owner("@acme/web", "codeowners", ".github/CODEOWNERS:2", List.of());

    static Rule rule(String id, String provider, Category category) {
        return new Rule(id, id, provider, category, Confidence.HIGH, List.of("abc"), Pattern.compile("(?<secret>abc)"),
                3, 0, null, 0, List.of(), List.of(), List.of(), "t.yml", 1);
    }

    static final Rule TOKEN = rule("acme-token", "acme", Category.TOKEN);
    static final Rule AWS = rule("aws-access-key-id", "aws", Category.API_KEY);

    static Location file(String path, String context) {
        return new Location("file", path, 1, 1, context, new TreeMap<>());
    }

    static Location git(String path, String commit, String author, Instant date, boolean inHead, Instant removedAt) {
        TreeMap<String, Object> d = new TreeMap<>();
        d.put("commit", commit);
        d.put("author", author);
        d.put("date", date);
        d.put("inHead", inHead);
        if (removedAt != null) {
            d.put("removedAt", removedAt);
        }
        return new Location("git", path, 1, 1, "config", d);
    }

    static Location withIdentity(Location l, String value) {
        TreeMap<String, Object> d = new TreeMap<>(l.details());
        d.put(Identity.DETAIL, List.of(new Identity(Identity.USER, value, l.line())));
        return new Location(l.source(), l.path(), l.line(), l.column(), l.context(), d);
    }

    static SecretEntry secret(Rule rule, Owner owner, Location... locations) {
        SecretValue v = new SecretValue(TestSecrets.alnum(32));
        return new SecretEntry(v.fingerprint(), rule, Confidence.HIGH, v, new TreeMap<>(), owner, List.of(locations),
                List.of(), null);
    }

    static Inventory inventory(SecretEntry... secrets) {
        return new Inventory(List.of("."), NOW, NOW, true, List.of(), new TreeMap<>(), List.of(secrets));
    }

    static Governance with(String manifest) throws ManifestException {
        return new Governance(Map.of(), ManifestParser.parse(".sprawl.yaml", manifest), null);
    }

    static Instant daysAgo(long days) {
        return NOW.minus(days, ChronoUnit.DAYS);
    }

    static List<String> codes(SecretEntry s) {
        return s.findings().stream().map(GovernanceFinding::code).toList();
    }

    static String message(SecretEntry s, String code) {
        return s.findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow().message();
    }

    @Test
    void manifestOwnerBeatsCodeownersAndNhiIsAsDeclared() throws ManifestException {
        Governance g = with("""
                identities:
                  - name: web
                    owner: "@acme/identity"
                    purpose: signs sessions
                    scope: web tier
                    expires: 2027-01-31
                    rotateEvery: 30d
                    match: {path: "web/**"}
                  - name: no-owner
                    purpose: batch jobs
                    match: {path: "batch/**"}
                """);
        Inventory out = g.apply(inventory(secret(TOKEN, CODEOWNERS, file("web/app.env", "config")),
                secret(TOKEN, CODEOWNERS, file("batch/run.env", "config"))));
        SecretEntry web = out.secrets().get(0);
        assertThat(web.owner().name()).isEqualTo("@acme/identity");
        assertThat(web.owner().source()).isEqualTo("manifest");
        assertThat(web.owner().origin()).isEqualTo(".sprawl.yaml:3");
        assertThat(web.nhi().name()).isEqualTo("web");
        assertThat(web.nhi().scope()).isEqualTo("web tier");
        assertThat(web.nhi().expires()).isEqualTo("2027-01-31");
        assertThat(web.nhi().rotateEvery()).isEqualTo("30d");
        assertThat(codes(web)).isEmpty();
        SecretEntry batch = out.secrets().get(1);
        assertThat(batch.nhi().name()).isEqualTo("no-owner");
        assertThat(batch.owner()).as("an identity without owner leaves CODEOWNERS in charge").isEqualTo(CODEOWNERS);
        assertThat(Owner.PRECEDENCE).startsWith("manifest");
    }

    /** What {@code sprawl merge} recomputes: the same as the stage, given the manifest findings the secret carried. */
    @Test
    void deriveGivesWhatTheStageGivesFromTheSameLocations() throws ManifestException {
        Governance g = with("""
                policy: {maxAge: 90d}
                identities:
                  - name: ci
                    rotateEvery: 30d
                    match: {path: ".github/**"}
                """);
        TreeMap<String, Object> inRepo = new TreeMap<>(Map.of("repo", "git://h/a", "commit", "c9", "author", "Lee <l@x>",
                "date", daysAgo(12), "inHead", true));
        Location otherRepo = new Location("git", "deploy/x.env", 3, 1, "config", inRepo);
        List<SecretEntry> secrets = List.of(
                secret(AWS, null, new Location("file", ".github/workflows/ci.yml", 1, 1, "ci", new TreeMap<>())),
                secret(TOKEN, null, git("a.env", "c1", "Dana <d@x>", daysAgo(400), false, daysAgo(300)),
                        git("b.env", "c2", "Sam <s@x>", daysAgo(200), false, daysAgo(100))),
                secret(TOKEN, CODEOWNERS, git("a.env", "c1", "Dana <d@x>", daysAgo(5), true, null), otherRepo),
                secret(TOKEN, null, file("x.env", "config"), file("y.env", "config"), file("z.env", "config")));
        for (Governance governance : List.of(Governance.DEFAULT, g)) {
            List<SecretEntry> out = governance.apply(inventory(secrets.toArray(SecretEntry[]::new))).secrets();
            for (SecretEntry s : out) {
                Governance.Derived d = Governance.derive(s.rule().id(), s.rule().category(), s.owner(), s.locations(), NOW,
                        s.findings());
                assertThat(d.findings()).as(s.locations().toString()).isEqualTo(s.findings());
                assertThat(d.lifecycle()).isEqualTo(s.lifecycle());
                assertThat(d.suggestedOwners()).isEqualTo(s.suggestedOwners());
            }
            assertThat(out.stream().flatMap(s -> codes(s).stream()).distinct())
                    .contains("missing-owner", "history-only", "secret-sprawl", "static-cloud-credential-in-ci");
            if (governance == g) {
                assertThat(out.stream().flatMap(s -> codes(s).stream()).distinct())
                        .contains("undeclared-identity", "rotation-overdue", "missing-purpose");
            }
        }
    }

    @Test
    void lifecycleFromGitDatesOnly() {
        Instant first = daysAgo(400);
        Instant later = daysAgo(100);
        SecretEntry both = secret(TOKEN, CODEOWNERS, git("a.env", "c1", "Dana <d@x>", later, true, null),
                git("b.env", "c2", "Dana <d@x>", first, false, daysAgo(50)), file("c.env", "config"));
        SecretEntry gone = secret(TOKEN, CODEOWNERS, git("old.env", "c3", "Sam <s@x>", daysAgo(30), false, daysAgo(20)));
        SecretEntry plain = secret(TOKEN, CODEOWNERS, file("x.env", "config"));
        Location image = new Location("image", "etc/app.env", 1, 1, "container", new TreeMap<>(Map.of("date", daysAgo(9))));
        SecretEntry inImage = secret(TOKEN, CODEOWNERS, image);
        Inventory out = Governance.DEFAULT.apply(inventory(both, gone, plain, inImage));

        assertThat(out.secrets().get(0).lifecycle().firstSeen()).isEqualTo(first);
        assertThat(out.secrets().get(0).lifecycle().lastSeen()).isEqualTo(later);
        assertThat(out.secrets().get(0).lifecycle().ageDays()).isEqualTo(400);
        assertThat(out.secrets().get(0).lifecycle().exposureDays()).as("not history-only").isNull();
        assertThat(out.secrets().get(1).lifecycle().ageDays()).isEqualTo(30);
        assertThat(out.secrets().get(1).lifecycle().exposureDays()).isEqualTo(10);
        assertThat(codes(out.secrets().get(1))).containsExactly("history-only");
        assertThat(out.secrets().get(2).lifecycle().firstSeen()).isNull();
        assertThat(out.secrets().get(2).lifecycle().ageDays()).isNull();
        assertThat(out.secrets().get(3).lifecycle().firstSeen()).as("image dates are not commit dates").isNull();
    }

    @Test
    void withoutManifestNoManifestFindingsEvenWhenOld() {
        SecretEntry old = secret(TOKEN, CODEOWNERS, git("a.env", "c1", "Dana <d@x>", daysAgo(900), true, null));
        assertThat(codes(Governance.DEFAULT.apply(inventory(old)).secrets().get(0))).isEmpty();
    }

    @Test
    void everyManifestFindingExactlyWhereItApplies() throws ManifestException {
        Governance g = with("""
                policy: {maxAge: 90d}
                identities:
                  - name: expired
                    owner: "@acme/a"
                    purpose: p
                    expires: 2026-05-31
                    match: {path: expired.env}
                  - name: last-day
                    owner: "@acme/a"
                    purpose: p
                    expires: 2026-06-01
                    match: {path: last-day.env}
                  - name: overdue
                    owner: "@acme/a"
                    purpose: p
                    rotateEvery: 30d
                    match: {path: "rot*.env"}
                  - name: purposeless
                    owner: "@acme/a"
                    match: {identity: svc-batch}
                """);
        SecretEntry expired = secret(TOKEN, null, file("expired.env", "config"));
        SecretEntry lastDay = secret(TOKEN, null, file("last-day.env", "config"));
        SecretEntry overdue = secret(TOKEN, null, git("rot1.env", "c1", "A <a@x>", daysAgo(31), true, null));
        SecretEntry onTime = secret(TOKEN, null, git("rot2.env", "c2", "A <a@x>", daysAgo(30), true, null));
        SecretEntry purposeless = secret(TOKEN, null, withIdentity(file("batch.env", "config"), "svc-batch"));
        SecretEntry undeclaredOld = secret(TOKEN, CODEOWNERS, git("u1.env", "c3", "A <a@x>", daysAgo(91), true, null));
        SecretEntry undeclaredYoung = secret(TOKEN, CODEOWNERS, git("u2.env", "c4", "A <a@x>", daysAgo(90), true, null));
        List<SecretEntry> out = g.apply(inventory(expired, lastDay, overdue, onTime, purposeless, undeclaredOld,
                undeclaredYoung)).secrets();

        assertThat(codes(out.get(0))).containsExactly("identity-expired");
        assertThat(message(out.get(0), "identity-expired")).contains("'expired'").contains("2026-05-31").contains("revoke");
        assertThat(codes(out.get(1))).as("valid through its expires day").isEmpty();
        assertThat(codes(out.get(2))).containsExactly("rotation-overdue");
        assertThat(message(out.get(2), "rotation-overdue")).contains("31 days ago").contains("rotateEvery 30d");
        assertThat(codes(out.get(3))).isEmpty();
        assertThat(codes(out.get(4))).containsExactly("missing-purpose");
        assertThat(out.get(4).nhi().name()).isEqualTo("purposeless");
        assertThat(codes(out.get(5))).containsExactly("undeclared-identity", "rotation-overdue");
        assertThat(message(out.get(5), "rotation-overdue")).contains("maxAge of 90 days");
        assertThat(codes(out.get(6))).containsExactly("undeclared-identity");
    }

    @Test
    void criteriaCombineWithAndValuesWithOr() throws ManifestException {
        Governance g = with("""
                identities:
                  - name: deploy
                    owner: "@acme/ops"
                    purpose: p
                    match: {provider: aws, path: [".github/**", "deploy/**"]}
                """);
        List<SecretEntry> out = g.apply(inventory(secret(AWS, null, file("deploy/k.env", "config")),
                secret(TOKEN, null, file("deploy/t.env", "config")),
                secret(AWS, null, file("src/k.env", "config")))).secrets();
        assertThat(out).extracting(s -> s.nhi() == null ? null : s.nhi().name()).containsExactly("deploy", null, null);
    }

    @Test
    void staticCloudCredentialsInCiNameTheFederation() {
        Rule gcp = rule("gcp-service-account-key", "gcp", Category.PRIVATE_KEY);
        Rule azure = rule("azure-entra-client-secret", "azure", Category.GENERIC_SECRET);
        List<SecretEntry> out = Governance.DEFAULT.apply(inventory(
                secret(AWS, CODEOWNERS, file(".github/workflows/deploy.yml", "ci")),
                secret(gcp, CODEOWNERS, file(".gitlab-ci.yml", "ci")),
                secret(azure, CODEOWNERS, file("Jenkinsfile", "ci")),
                secret(AWS, CODEOWNERS, file("deploy/aws.env", "config")),
                secret(TOKEN, CODEOWNERS, file(".github/workflows/ci.yml", "ci")))).secrets();
        assertThat(codes(out.get(0))).containsExactly("static-cloud-credential-in-ci");
        assertThat(message(out.get(0), "static-cloud-credential-in-ci"))
                .contains("GitHub Actions OIDC").contains("AWS IAM role").contains("role-to-assume");
        assertThat(message(out.get(1), "static-cloud-credential-in-ci"))
                .contains("GitLab CI id_tokens").contains("Workload Identity Federation");
        assertThat(message(out.get(2), "static-cloud-credential-in-ci"))
                .contains("OIDC").contains("Azure federated credentials");
        assertThat(codes(out.get(3))).isEmpty();
        assertThat(codes(out.get(4))).isEmpty();
    }

    @Test
    void suggestedOwnersAreTheIntroducingAuthorsWhenNoOwnerResolves() {
        SecretEntry orphan = secret(TOKEN, null, git("a.env", "c1", "Dana <d@x>", daysAgo(3), true, null),
                git("b.env", "c2", "Sam <s@x>", daysAgo(2), true, null),
                git("c.env", "c2", "Sam <s@x>", daysAgo(2), true, null),
                git("d.env", "c3", "Sam <s@x>", daysAgo(1), true, null));
        SecretEntry owned = secret(TOKEN, CODEOWNERS, git("e.env", "c4", "Dana <d@x>", daysAgo(3), true, null));
        List<SecretEntry> out = Governance.DEFAULT.apply(inventory(orphan, owned)).secrets();
        assertThat(out.get(0).suggestedOwners()).containsExactly(new SuggestedOwner("Sam <s@x>", "git-author", 2),
                new SuggestedOwner("Dana <d@x>", "git-author", 1));
        assertThat(codes(out.get(0))).startsWith("missing-owner").contains("secret-sprawl");
        assertThat(out.get(1).suggestedOwners()).isEmpty();
    }

    @Test
    void policyFailuresNameTheListedCodesOfUnsuppressedSecrets() throws ManifestException {
        Governance g = with("""
                policy: {fail: [identity-expired]}
                identities:
                  - name: old
                    owner: o
                    purpose: p
                    expires: 2020-01-01
                    match: {path: "*.env"}
                """);
        SecretEntry s = secret(TOKEN, null, file("a.env", "config"));
        SecretValue v = new SecretValue(TestSecrets.alnum(32));
        SecretEntry ignored = new SecretEntry(v.fingerprint(), TOKEN, Confidence.LOW, v, new TreeMap<>(), null,
                List.of(file("b.env", "config")), List.of(), null, ".sprawlignore:1");
        Inventory out = g.apply(inventory(s, ignored));
        assertThat(g.policyFailures(out.secrets().get(0), out)).containsExactly("identity-expired");
        assertThat(g.policyFailures(out.secrets().get(1), out)).isEmpty();
        assertThat(Governance.DEFAULT.policyFailures(out.secrets().get(0), out)).isEmpty();
    }

    @Test
    void resolvedSecretsAndTheSummaryFigures() throws ManifestException {
        Governance g = with("""
                identities:
                  - name: rotated
                    owner: "@acme/a"
                    purpose: p
                    rotateEvery: 60d
                    match: {path: "r*.env"}
                """);
        SecretEntry r1 = secret(TOKEN, null, git("r1.env", "c1", "A <a@x>", daysAgo(10), true, null));
        SecretEntry r2 = secret(TOKEN, null, git("r2.env", "c2", "A <a@x>", daysAgo(100), true, null));
        SecretEntry r3 = secret(TOKEN, null, file("r3.env", "config"));
        SecretEntry orphanCi = secret(AWS, null, file(".github/workflows/x.yml", "ci"),
                git("old.env", "c3", "A <a@x>", daysAgo(40), false, daysAgo(5)));
        SecretEntry owned = secret(TOKEN, CODEOWNERS, file("web.env", "config"));
        SecretEntry gone = secret(TOKEN, null, git("gone.env", "c4", "A <a@x>", daysAgo(20), false, daysAgo(1)));
        String stillHere = r1.fingerprint();
        List<BaselineSecret> baseline = new ArrayList<>(List.of(
                new BaselineSecret("sha256:" + "1".repeat(64), "Old token", null,
                        List.of(git("x.env", "c9", "A <a@x>", daysAgo(50), true, null),
                                git("y.env", "c8", "A <a@x>", daysAgo(70), true, null))),
                new BaselineSecret("sha256:" + "2".repeat(64), "Other", daysAgo(11), List.of()),
                new BaselineSecret("sha256:" + "3".repeat(64), "Undated", null, List.of(file("z.env", "config"))),
                new BaselineSecret(stillHere, "acme-token", daysAgo(10), List.of())));
        Inventory out = g.withBaseline(baseline).apply(inventory(r1, r2, r3, orphanCi, owned, gone));

        assertThat(out.resolved()).extracting(r -> r.fingerprint().substring(7, 8)).containsExactly("1", "2", "3");
        assertThat(out.resolved().get(0).resolvedAfterDays()).isEqualTo(70);
        assertThat(out.resolved().get(0).lastLocation().path()).as("newest date").isEqualTo("x.env");
        assertThat(out.resolved().get(1).resolvedAfterDays()).isEqualTo(11);
        assertThat(out.resolved().get(1).lastLocation()).isNull();
        assertThat(out.resolved().get(2).resolvedAfterDays()).isNull();

        Summary s = Summary.of(out);
        assertThat(s.secrets()).isEqualTo(6);
        assertThat(s.byCategory()).containsExactly(Map.entry("api-key", 1), Map.entry("token", 5));
        assertThat(s.byConfidence()).containsExactly(Map.entry("high", 6), Map.entry("medium", 0), Map.entry("low", 0));
        assertThat(s.owned()).isEqualTo(4);
        assertThat(s.orphaned()).isEqualTo(2);
        assertThat(Summary.percent(s.orphaned(), s.secrets())).isEqualTo(33.3);
        assertThat(s.rotationCovered()).isEqualTo(3);
        assertThat(s.rotationKnownAge()).isEqualTo(2);
        assertThat(s.rotationWithin()).isEqualTo(1);
        assertThat(s.historyOnly()).isEqualTo(1);
        assertThat(s.ages()).containsExactly(10L, 20L, 40L, 100L);
        assertThat(Summary.median(s.ages())).isEqualTo(30.0);
        assertThat(Summary.max(s.ages())).isEqualTo(100L);
        assertThat(s.perOwner()).containsExactly(new Summary.Count("@acme/a", 3), new Summary.Count("@acme/web", 1));
        assertThat(s.orphanedByRepo()).containsExactly(new Summary.Count(".", 2));
        assertThat(s.orphanedByContext()).containsExactly(new Summary.Count("config", 2), new Summary.Count("ci", 1));
        assertThat(s.resolved()).isEqualTo(3);
        assertThat(Summary.median(s.resolvedDays())).isEqualTo(40.5);
        assertThat(s.headline()).isEqualTo("governance: 2 of 6 orphaned (33.3%), rotation coverage 50% (50% within), "
                + "1 history-only, median age 30 days (max 100), 3 resolved (median 40.5 days)");
    }

    @Test
    void incompleteScanListsNothingAsResolved() {
        Inventory partial = new Inventory(List.of("."), NOW, NOW, false, List.of(), new TreeMap<>(), List.of());
        Inventory out = Governance.DEFAULT.withBaseline(List.of(new BaselineSecret("sha256:" + "1".repeat(64), "t",
                null, List.of()))).apply(partial);
        assertThat(out.resolved()).isEmpty();
        assertThat(out.warnings()).extracting(w -> w.code()).containsExactly("resolved-unknown");
    }

    @Test
    void orphanedPerRepoUsesTheRepoDetail() {
        Location a = new Location("git", "a.env", 1, 1, "config", new TreeMap<>(Map.of("repo", "github:acme/billing")));
        Location b = new Location("file", "b.env", 1, 1, "config", new TreeMap<>(Map.of("target", "other")));
        Summary s = Summary.of(Governance.DEFAULT.apply(inventory(secret(TOKEN, null, a), secret(TOKEN, null, a, b))));
        assertThat(s.orphanedByRepo()).containsExactly(new Summary.Count("github:acme/billing", 2),
                new Summary.Count("other", 1));
    }
}
