package dev.sprawl.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sprawl.TestSecrets;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.report.JsonReporter;
import dev.sprawl.report.ReportOptions;
import dev.sprawl.rules.RuleCatalog;
import dev.sprawl.source.git.TestRepo;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A packed random history — several files edited over many commits on two branches, secrets added,
 * moved and removed, repacked so that versions are stored as delta chains — scanned end to end with
 * incremental detection of delta-stored versions and with every version detected in full: the two
 * inventories are the same, locations, confidences, identities and governance findings included.
 */
class IncrementalHistoryTest {

    @TempDir
    Path dir;

    private static final String[] PLAIN = {
        "    return value;\n", "// a token word and a key word in a comment\n", "String key = map.get(\"api_key\");\n",
        "if (password == null) { throw new IllegalStateException(); }\n", "    private final int count;\n",
        "token = ghp_\n", "password: changeme\n", "}\n", "import java.util.List;\n", "\n",
    };

    private static String secretLine(Random rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> "export GITHUB_TOKEN=" + TestSecrets.githubToken("ghp_") + "\n";
            case 1 -> "aws_access_key_id = " + TestSecrets.awsAccessKeyId() + "\naws_secret_access_key = "
                    + TestSecrets.alnum(40) + "\n";
            case 2 -> "db.url=postgres://svc-orders:" + TestSecrets.password() + "@db.internal:5432/orders\n";
            case 3 -> "    billingApiSecret: \"" + TestSecrets.alnum(32) + "\"\n";
            case 4 -> "Authorization: Bearer " + TestSecrets.alnum(40) + "\n";
            case 5 -> "DB_PASSWORD=" + TestSecrets.password() + "\n";
            case 6 -> TestSecrets.rsaPrivateKeyPem();
            default -> "client_secret = '" + TestSecrets.hex(32) + "'\n";
        };
    }

    private static List<String> start(Random rnd) {
        List<String> lines = new ArrayList<>();
        int n = 40 + rnd.nextInt(200);
        for (int i = 0; i < n; i++) {
            lines.add(rnd.nextInt(15) == 0 ? secretLine(rnd) : PLAIN[rnd.nextInt(PLAIN.length)] + "// " + i + "\n");
        }
        return lines;
    }

    /** A few lines changed, added, removed or a block moved; now and then a secret comes or goes. */
    private static void edit(Random rnd, List<String> lines) {
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = rnd.nextInt(lines.size());
            switch (rnd.nextInt(6)) {
                case 0 -> lines.set(at, PLAIN[rnd.nextInt(PLAIN.length)] + "// edited " + rnd.nextInt(1000) + "\n");
                case 1 -> lines.add(at, rnd.nextInt(4) == 0 ? secretLine(rnd) : "    call(" + rnd.nextInt(1000) + ");\n");
                case 2 -> {
                    if (lines.size() > 10) {
                        lines.remove(at);
                    }
                }
                case 3 -> {
                    int len = Math.min(lines.size() - at, 1 + rnd.nextInt(20));
                    List<String> block = new ArrayList<>(lines.subList(at, at + len));
                    lines.subList(at, at + len).clear();
                    lines.addAll(rnd.nextInt(lines.size() + 1), block);
                }
                case 4 -> lines.set(at, lines.get(at).replace("\n", " // and a key\n"));
                default -> lines.add(rnd.nextInt(lines.size() + 1), PLAIN[rnd.nextInt(PLAIN.length)]);
            }
        }
    }

    @RepeatedTest(2)
    void incrementalDetectionEqualsFullDetection() throws Exception {
        Random rnd = new Random();
        String[] files = {"src/App.java", "config/app.yml", "deploy/.env", "README.md", "ci/build.sh"};
        List<List<String>> content = new ArrayList<>();
        try (TestRepo repo = TestRepo.init(dir)) {
            for (String f : files) {
                content.add(start(rnd));
            }
            int commits = 120;
            for (int v = 0; v < commits; v++) {
                if (v == commits / 2) {
                    repo.branch("side");
                }
                for (int f = 0; f < files.length; f++) {
                    if (v == 0 || rnd.nextInt(3) == 0) {
                        edit(rnd, content.get(f));
                        repo.write(files[f], String.join("", content.get(f)));
                    }
                }
                repo.commit("v" + v, "Dana Ops", TestRepo.T0.plus(Duration.ofHours(v)));
            }
            repo.checkout("side");
            for (int v = 0; v < 30; v++) {
                int f = rnd.nextInt(files.length);
                List<String> lines = new ArrayList<>(List.of(String.join("", content.get(f)).split("(?<=\n)")));
                edit(rnd, lines);
                repo.write(files[f], String.join("", lines));
                repo.commit("side " + v, "Sam Dev", TestRepo.T0.plus(Duration.ofDays(30 + v)));
            }
            repo.git().gc().setAggressive(true).call();
        }
        String incremental = scan();
        String full;
        Scanner.incremental = false;
        try {
            full = scan();
        } finally {
            Scanner.incremental = true;
        }
        JsonNode a = new ObjectMapper().readTree(incremental);
        JsonNode b = new ObjectMapper().readTree(full);
        assertThat(a.get("secrets").size()).as("the history holds secrets").isGreaterThan(5);
        assertThat(a.get("secrets")).isEqualTo(b.get("secrets"));
        assertThat(a.get("references")).isEqualTo(b.get("references"));
        assertThat(a.get("summary")).isEqualTo(b.get("summary"));
        assertThat(a.at("/scan/warnings")).isEqualTo(b.at("/scan/warnings"));
        assertThat(a.at("/scan/complete").asBoolean()).isTrue();
    }

    private String scan() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        Inventory inv = new Scanner(clock).scan(new ScanRequest(List.of(dir), List.of("."),
                RuleCatalog.load(RuleCatalog.builtinSources()), List.of(), ScanRequest.DEFAULT_MAX_FILE_SIZE, 2, null));
        StringWriter json = new StringWriter();
        new JsonReporter(new ReportOptions(false, false, "test")).write(inv, json);
        return json.toString();
    }
}
