package dev.sprawl.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.TestSecrets;
import dev.sprawl.rules.RuleCatalog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incremental detection of a blob derived from another by copied runs and inserted bytes gives the
 * same matches as detecting it in full: random texts full of secrets and near-secrets, random edits
 * (insertions, deletions, replacements, moved blocks), chains of versions. The texts include the
 * engine rules' cases (credential-named assignments in many syntaxes, URL passwords with identities),
 * and a match's confidence, attributes and identities must be the same too.
 */
class DerivedDetectionTest {

    private static Detector detector;
    private static List<String> pems;
    private static final String[] LINES = {
        "export GITHUB_TOKEN=%gh%\n", "password = \"%pw%\"\n", "aws_access_key_id = %aws%\n",
        "// nothing to see here, just a token word and a key word\n", "String key = map.get(\"api_key\");\n",
        "secret: %al%\n", "db.url=postgres://app:%al%@db.internal:5432/app\n", "token = ghp_\n",
        "    return value;\n", "%pem%", "password: changeme\n", "api_key=%al%\n",
        // engine rules: credential names no list holds, in every syntax, bound to values of every shape
        "mailrelayKey: \"%al%\"\n", "TRACKR_KEY %al%\n", "feed key = %pw%\n", "<Pass>%pw%</Pass>\n",
        "<add key=\"smtp_password\"\n     value=\"%pw%\" />\n", "vendor-api-token := \"%al%\"\n",
        "  :orbit_secret => '%al%',\n", "connect(billingSecretKey=\"%al%\", timeout=3)\n",
        "password: 1234567890abcdef\n", "DB_PASSWORD=Summer2024!\n", "tool --password %pw% --user ops\n",
        "Authorization: Bearer %al%\n", "DATABASE_URL=postgres://svc-orders:%pw%@db.internal:5432/orders\n",
        "{\"user\": \"svc-%al%\",\n \"password\": \"%pw%\"}\n", "ZENDESK_API_TOKEN=%al%\n",
    };

    @BeforeAll
    static void rules() throws Exception {
        detector = new Detector(RuleCatalog.load(RuleCatalog.builtinSources()));
        pems = List.of(TestSecrets.rsaPrivateKeyPem(), TestSecrets.rsaPrivateKeyPem());
    }

    /** A derived text under construction: its bytes and the runs copied from the base. */
    private static final class Builder {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<Integer> runs = new ArrayList<>();

        void copy(byte[] base, int from, int len) {
            if (len <= 0) {
                return;
            }
            runs.add(out.size());
            runs.add(from);
            runs.add(len);
            out.write(base, from, len);
        }

        void insert(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }

        int[] runs() {
            return runs.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private static String text(Random rnd, int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            String l = LINES[rnd.nextInt(LINES.length)];
            if (l.contains("%pem%") && rnd.nextInt(4) != 0) {
                continue;
            }
            sb.append(l.replace("%gh%", TestSecrets.githubToken("ghp_")).replace("%pw%", TestSecrets.password())
                    .replace("%aws%", TestSecrets.awsAccessKeyId()).replace("%al%", TestSecrets.alnum(20))
                    .replace("%pem%", pems.get(rnd.nextInt(pems.size()))));
        }
        return sb.toString();
    }

    /** Random edits of base: keep, drop, replace or move chunks (chunk edges anywhere, even inside tokens). */
    private static Builder edit(Random rnd, byte[] base) {
        Builder b = new Builder();
        List<int[]> chunks = new ArrayList<>();
        int pos = 0;
        while (pos < base.length) {
            int len = Math.min(base.length - pos, 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : 3000));
            chunks.add(new int[] {pos, len});
            pos += len;
        }
        if (chunks.size() > 2 && rnd.nextInt(3) == 0) {
            int i = rnd.nextInt(chunks.size() - 1);
            int[] t = chunks.get(i);
            chunks.set(i, chunks.get(i + 1));
            chunks.set(i + 1, t);
        }
        for (int[] c : chunks) {
            switch (rnd.nextInt(8)) {
                case 0 -> b.insert(text(rnd, 1 + rnd.nextInt(3)));
                case 1 -> { }
                case 2 -> {
                    b.copy(base, c[0], c[1]);
                    b.insert(text(rnd, 1));
                }
                case 3 -> {
                    int cut = rnd.nextInt(c[1]);
                    b.copy(base, c[0], cut);
                    b.insert(rnd.nextBoolean() ? "x" : "ghp_");
                    b.copy(base, c[0] + cut, c[1] - cut);
                }
                default -> b.copy(base, c[0], c[1]);
            }
        }
        return b;
    }

    private static List<String> signature(Detection d) {
        List<String> out = new ArrayList<>();
        for (Match m : d.matches()) {
            // everything an engine learns goes into the signature: confidence, attributes, identities
            out.add(m.rule().id() + "@" + m.start() + "-" + m.end() + (m.weak() ? " weak" : "") + " " + m.confidence()
                    + " " + m.attributes() + " " + m.identities());
        }
        return out;
    }

    @Test
    void derivedDetectionEqualsFullDetection() {
        Random rnd = new Random(42);
        Detector.Session session = detector.newSession();
        int carriedSomething = 0;
        long engineMatches = 0;
        for (int round = 0; round < 60; round++) {
            byte[] base = text(rnd, 20 + rnd.nextInt(200)).getBytes(StandardCharsets.UTF_8);
            session.detect(base, base.length);
            Known known = session.known();
            assertThat(known).isNotNull();
            for (int version = 0; version < 4; version++) {
                Builder b = edit(rnd, base);
                byte[] derived = b.out.toByteArray();
                Detector.Session fullSession = detector.newSession();
                Detection full = fullSession.detect(derived, derived.length);
                Detection incremental = session.detectDerived(derived, derived.length, known, b.runs());
                assertThat(signature(incremental)).as("round %d version %d", round, version)
                        .isEqualTo(signature(full));
                // what the next version builds on: every keyword occurrence, in order, once
                assertThat(session.known().hits()).as("round %d version %d hits", round, version)
                        .isEqualTo(fullSession.known().hits());
                if (!full.matches().isEmpty()) {
                    carriedSomething++;
                }
                engineMatches += full.matches().stream().filter(m -> m.rule().engine() != null
                        || m.rule().id().startsWith("generic-")).count();
                known = session.known();
                base = derived;
            }
        }
        assertThat(carriedSomething).isGreaterThan(60);
        assertThat(engineMatches).as("engine rules were exercised").isGreaterThan(100);
    }

    @Test
    void runsThatDoNotFitFallBackToFullDetection() {
        byte[] base = "token = ghp_\n".getBytes(StandardCharsets.UTF_8);
        Detector.Session session = detector.newSession();
        session.detect(base, base.length);
        Known known = session.known();
        String gh = TestSecrets.githubToken("ghp_");
        byte[] derived = ("export GITHUB_TOKEN=" + gh + "\n").getBytes(StandardCharsets.UTF_8);
        Detection d = session.detectDerived(derived, derived.length, known, new int[] {0, 0, 500});
        assertThat(d.matches()).hasSize(1);
    }
}
