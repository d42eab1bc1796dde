package dev.sprawl.report;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A made-up inventory of any size, seeded: random secret values (only their redacted forms and
 * fingerprints reach a report), a spread of categories, owners, repositories, contexts and commit
 * dates. For the size test of the HTML report and the README's picture of it.
 */
public final class SyntheticInventory {

    private static final String[][] RULES = {
        {"github-pat-classic", "GitHub personal access token (classic)", "github", "TOKEN"},
        {"aws-access-key", "AWS access key", "aws", "API_KEY"},
        {"generic-password", "Password assignment", "generic", "PASSWORD"},
        {"private-key-pem", "PEM private key", "generic", "PRIVATE_KEY"},
        {"postgres-url", "PostgreSQL connection string", "postgres", "CONNECTION_STRING"},
        {"slack-bot-token", "Slack bot token", "slack", "TOKEN"},
        {"x509-certificate", "X.509 certificate", "generic", "CERTIFICATE"},
        {"generic-api-key", "Generic API key", "generic", "GENERIC_SECRET"},
    };
    private static final String[] OWNERS = {"@acme/platform", "@acme/payments", "@acme/data", "@acme/sre",
        "@acme/identity", "@acme/mobile"};
    private static final String[] CONTEXTS = {"source", "config", "ci", "iac", "k8s", "container", "docs", "test"};
    private static final String[] PATHS = {"infra/main.tf", "deploy/values.yaml", ".github/workflows/release.yml",
        "src/main/resources/application.yml", "k8s/secret.yaml", "docker/Dockerfile", "docs/setup.md", "test/fixtures.env"};

    private SyntheticInventory() {
    }

    public static Inventory of(int size, long seed) {
        Random r = new Random(seed);
        TestSecrets gen = TestSecrets.seeded(seed);
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        List<SecretEntry> secrets = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String[] spec = RULES[r.nextInt(RULES.length)];
            Rule rule = new Rule(spec[0], spec[1], spec[2], Category.valueOf(spec[3]), Confidence.HIGH, List.of("x"),
                    Pattern.compile("(?<secret>x)"), 1, 0, null, 0, List.of(), List.of(), List.of(), "rules/test.yml", 1);
            SecretValue value = new SecretValue(gen.randomAlnum(32));
            Confidence conf = Confidence.values()[Math.min(2, r.nextInt(4))];
            Owner owner = r.nextInt(3) == 0 ? null
                    : new Owner(OWNERS[Math.min(OWNERS.length - 1, (int) Math.abs(r.nextGaussian() * 2))], "codeowners",
                            ".github/CODEOWNERS:" + (1 + r.nextInt(20)), List.of());
            List<Location> locations = new ArrayList<>();
            int copies = 1 + (r.nextInt(4) == 0 ? r.nextInt(5) : 0);
            String repo = "github:acme/" + new String[] {"billing", "api", "web", "infra", "mobile", "data"}[r.nextInt(6)];
            for (int c = 0; c < copies; c++) {
                int p = r.nextInt(PATHS.length);
                TreeMap<String, Object> d = new TreeMap<>();
                d.put("repo", repo);
                d.put("commit", gen.randomOf("0123456789abcdef", 40));
                d.put("ref", "refs/heads/main");
                d.put("author", "Dev " + (char) ('A' + r.nextInt(20)) + " <dev@acme.test>");
                d.put("date", now.minus(Duration.ofDays(1 + (long) Math.abs(r.nextGaussian() * 300))));
                d.put("inHead", r.nextBoolean());
                if (r.nextInt(5) == 0) {
                    d.put("identity", List.of(new Identity(Identity.USER, "svc-" + r.nextInt(50), 1)));
                }
                locations.add(new Location("git", PATHS[p], 1 + r.nextInt(200), 1 + r.nextInt(40), CONTEXTS[p], d));
            }
            locations.sort(Location.ORDER);
            List<GovernanceFinding> findings = new ArrayList<>();
            if (owner == null) {
                findings.add(new GovernanceFinding("missing-owner", "high", "no owner"));
            }
            if (copies > 1) {
                findings.add(new GovernanceFinding("secret-sprawl", "medium", "found in " + copies + " places"));
            }
            if (locations.stream().noneMatch(l -> Boolean.TRUE.equals(l.details().get("inHead")))) {
                findings.add(new GovernanceFinding("history-only", "high", "only in history"));
            }
            secrets.add(new SecretEntry(value.fingerprint(), rule, conf, value, new TreeMap<>(), owner, locations,
                    findings, r.nextInt(10) == 0));
        }
        secrets.sort(Comparator.comparing(SecretEntry::fingerprint));
        TreeMap<String, Long> stats = new TreeMap<>();
        stats.put("blobs", 1000L + size);
        stats.put("bytes", 1_000_000L + size);
        stats.put("commits", 500L);
        stats.put("rules", (long) RULES.length);
        return new Inventory(List.of("github:acme"), now, now.plusSeconds(42), true, List.of(), stats, secrets);
    }
}
