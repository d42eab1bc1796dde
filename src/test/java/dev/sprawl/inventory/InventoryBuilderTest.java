package dev.sprawl.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.classify.Finding;
import dev.sprawl.classify.Location;
import dev.sprawl.detect.SecretValue;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import dev.sprawl.TestSecrets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Governance findings computed from key material attributes against a fixed clock. */
class InventoryBuilderTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static Rule rule(Category category) {
        return new Rule("test-rule", "Test rule", "test", category, Confidence.HIGH, List.of("abc"),
                Pattern.compile("(?<secret>abc)"), 3, 0, null, 0, List.of(), List.of(), List.of(), "t.yml", 1);
    }

    private static SecretEntry entry(Category category, Map<String, String> attributes) {
        Finding f = new Finding(rule(category), new SecretValue(TestSecrets.alnum(30)), Confidence.HIGH,
                new TreeMap<>(attributes), new Location("file", "a.pem", 1, 1, "config", new TreeMap<>()));
        List<SecretEntry> entries = InventoryBuilder.build(List.of(f), l -> null, null, InventoryBuilder.Suppressions.NONE, NOW);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private static List<String> codes(SecretEntry e) {
        return e.findings().stream().map(GovernanceFinding::code).toList();
    }

    @Test
    void certificateExpiry() {
        assertThat(codes(entry(Category.CERTIFICATE, Map.of("notAfter", NOW.minus(1, ChronoUnit.DAYS).toString()))))
                .contains("certificate-expired").doesNotContain("certificate-expiring");
        assertThat(codes(entry(Category.CERTIFICATE, Map.of("notAfter", NOW.toString()))))
                .contains("certificate-expired");
        SecretEntry soon = entry(Category.CERTIFICATE, Map.of("notAfter", NOW.plus(12, ChronoUnit.DAYS).toString()));
        assertThat(codes(soon)).contains("certificate-expiring").doesNotContain("certificate-expired");
        assertThat(soon.findings().stream().filter(f -> f.code().equals("certificate-expiring")).findFirst()
                .orElseThrow().message()).contains("in 12 days");
        assertThat(codes(entry(Category.CERTIFICATE, Map.of("notAfter",
                NOW.plus(InventoryBuilder.EXPIRING_DAYS + 1, ChronoUnit.DAYS).toString()))))
                .doesNotContain("certificate-expiring", "certificate-expired");
    }

    @Test
    void tokenExpiryAndUnsignedJwt() {
        assertThat(codes(entry(Category.TOKEN, Map.of("exp", NOW.minusSeconds(1).toString(), "alg", "HS256"))))
                .contains("token-expired").doesNotContain("jwt-alg-none");
        assertThat(codes(entry(Category.TOKEN, Map.of("exp", NOW.plusSeconds(60).toString(), "alg", "none"))))
                .contains("jwt-alg-none").doesNotContain("token-expired");
        assertThat(codes(entry(Category.TOKEN, Map.of("exp", "not a date")))).doesNotContain("token-expired");
    }
}
