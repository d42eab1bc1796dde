package dev.sprawl.govern;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sprawl.FuzzContract;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzz target over the identities manifest ({@code .sprawl.yaml}, {@link ManifestParser}): it returns a
 * manifest or throws {@link ManifestException} only; every problem starts with {@code file:line:}, is
 * short, holds no control character (a terminal escape from the file) and there are no more problems
 * than the file has characters; a value pasted where a secret would sit by mistake ({@code fingerprint},
 * {@code owner}, {@code purpose}, {@code scope}, {@code identity}, {@code rule}, {@code provider}) is never
 * repeated in a problem.
 */
class ManifestFuzzTest {

    private static final Pattern PROBLEM = Pattern.compile("m\\.yaml:[1-9][0-9]*: [^\\p{Cntrl}]*");
    /** A canary in the value of one of these keys must not be echoed. */
    private static final java.util.Set<String> SECRET_KEYS = java.util.Set.of("fingerprint", "owner", "purpose",
            "scope", "identity", "rule", "provider");

    @BeforeAll
    static void seeds() {
        String fp = "sha256:" + "0f".repeat(32);
        FuzzContract.seeds(ManifestFuzzTest.class, "parse", FuzzContract.seedsOf(
                "full", """
                        policy:
                          maxAge: 12w
                          fail: [identity-expired, rotation-overdue]
                        identities:
                          - name: billing-db
                            owner: "@acme/billing"
                            purpose: billing reads orders
                            scope: db.internal/orders
                            expires: 2027-03-31
                            rotateEvery: 30d
                            match:
                              identity: svc-billing
                              path: [deploy/**, "*.env"]
                          - name: legacy
                            match:
                              fingerprint: %s
                        """.formatted(fp),
                "pasted-secret", "identities:\n  - name: x\n    match:\n      fingerprint: @@\n",
                "bad-values", "policy: {maxAge: 3 months, fail: [nope]}\nidentities:\n  - name: a\n    expires: 2027-13-45\n"
                        + "    rotateEvery: often\n    match: {path: '[', rule: r}\n  - name: a\n    match: {}\n"
                        + "  - [1, 2]\n  - name: b\n    bogus: 1\n    owner: {nested: true}\n",
                "yaml-tricks", "a: &x {b: *x}\n? [k]\n: v\nidentities: !!str text\n--- \nsecond: doc\n",
                "escapes", "identities:\n  - name: \"\\e[31mred\\e[0m\"\n    purpose: @@\n    match:\n"
                        + "      provider: \"\\u0007\"\n"));
    }

    @FuzzTest
    void parse(byte[] data) {
        String text = new String(FuzzContract.plant(data), StandardCharsets.UTF_8);
        List<String> problems = FuzzContract.call(() -> {
            try {
                Manifest m = ManifestParser.parse("m.yaml", text);
                FuzzContract.bounded("identities", m.identities().size(), text.length());
                return List.<String>of();
            } catch (ManifestException e) {
                if (e.problems().isEmpty()) {
                    throw new AssertionError("a ManifestException without problems");
                }
                return e.problems();
            }
        });
        FuzzContract.bounded("problems", problems.size(), text.length() + 1L);
        // checked when the canary sits only in a secret's slot (the fuzzer also learns the canary and
        // writes it into keys and names, which problems may quote)
        boolean secretSlot = onlyInSecretSlots(text);
        for (String p : problems) {
            FuzzContract.bounded("problem chars", p.length(), 400);
            if (!PROBLEM.matcher(p).matches()) {
                throw new AssertionError("a problem not of the form file:line: message (or with a control character): "
                        + p.replace(FuzzContract.CANARY, "<CANARY>"));
            }
            if (secretSlot) {
                FuzzContract.noCanary("problem", p);
            }
        }
    }

    /**
     * True when the composed YAML holds the canary, and only in scalar values under a secret slot key
     * (not in a key, a name or any other value).
     */
    private static boolean onlyInSecretSlots(String text) {
        if (!text.contains(FuzzContract.CANARY)) {
            return false;
        }
        org.yaml.snakeyaml.nodes.Node root;
        try {
            root = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                    new org.yaml.snakeyaml.LoaderOptions())).compose(new java.io.StringReader(text));
        } catch (RuntimeException e) {
            return false; // not YAML: the problem is a syntax error, which may quote a token
        }
        long[] inSlot = {0};
        long[] elsewhere = {0};
        walk(root, false, inSlot, elsewhere, 0);
        return inSlot[0] > 0 && elsewhere[0] == 0;
    }

    private static void walk(org.yaml.snakeyaml.nodes.Node n, boolean slot, long[] inSlot, long[] elsewhere, int depth) {
        if (n == null || depth > 200) {
            return;
        }
        if (n instanceof org.yaml.snakeyaml.nodes.ScalarNode s) {
            if (s.getValue().contains(FuzzContract.CANARY)) {
                (slot ? inSlot : elsewhere)[0]++;
            }
        } else if (n instanceof org.yaml.snakeyaml.nodes.SequenceNode q) {
            for (org.yaml.snakeyaml.nodes.Node i : q.getValue()) {
                walk(i, slot, inSlot, elsewhere, depth + 1);
            }
        } else if (n instanceof org.yaml.snakeyaml.nodes.MappingNode m) {
            for (org.yaml.snakeyaml.nodes.NodeTuple t : m.getValue()) {
                walk(t.getKeyNode(), false, inSlot, elsewhere, depth + 1);
                boolean secret = t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k
                        && SECRET_KEYS.contains(k.getValue());
                walk(t.getValueNode(), secret, inSlot, elsewhere, depth + 1);
            }
        }
    }
}
