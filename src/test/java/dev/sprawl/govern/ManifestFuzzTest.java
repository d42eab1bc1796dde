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
    /** A planted canary right after one of these keys must not be echoed. */
    private static final Pattern SECRET_SLOT = Pattern.compile(
            "(fingerprint|owner|purpose|scope|identity|rule|provider)\\s*:\\s*[\"'\\[]?\\s*" + FuzzContract.CANARY);

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
        // checked when every canary in the text sits in a secret's slot (the fuzzer also learns the
        // canary and writes it into keys and names, which problems may quote)
        boolean secretSlot = SECRET_SLOT.matcher(text).results().count() == occurrences(text)
                && occurrences(text) > 0;
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

    private static long occurrences(String text) {
        long n = 0;
        for (int i = text.indexOf(FuzzContract.CANARY); i >= 0; i = text.indexOf(FuzzContract.CANARY, i + 1)) {
            n++;
        }
        return n;
    }
}
