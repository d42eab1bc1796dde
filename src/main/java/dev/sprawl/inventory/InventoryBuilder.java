package dev.sprawl.inventory;

import dev.sprawl.classify.Finding;
import dev.sprawl.classify.Location;
import dev.sprawl.inventory.owner.OwnerResolver;
import dev.sprawl.rules.Confidence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Groups findings into one entry per distinct secret (by fingerprint), resolves owners from the
 * locations (tags, labels, CODEOWNERS) and computes the findings the key material itself supports;
 * the lifecycle and ownership findings ({@code missing-owner}, {@code history-only},
 * {@code secret-sprawl}...) come after, from {@code dev.sprawl.govern}:
 * <ul>
 *   <li>{@code certificate-expired} (medium): a certificate's {@code notAfter} has passed;</li>
 *   <li>{@code certificate-expiring} (medium): it passes within {@value #EXPIRING_DAYS} days;</li>
 *   <li>{@code token-expired} (low): a token's {@code exp} claim has passed;</li>
 *   <li>{@code jwt-alg-none} (high): an unsigned JWT ({@code alg: none}), which anyone can forge;</li>
 *   <li>{@code suppression-expired} (medium): the secret's {@code .sprawlignore} entry lapsed.</li>
 * </ul>
 * A secret's owner is the strongest ({@link Owner#PRECEDENCE}) found at any of its locations; among
 * equals, that of the first location in order.
 * Expiry is judged against the {@code now} the caller passes (the scan's clock), so tests can fix it.
 */
public final class InventoryBuilder {

    /** A certificate expiring within this many days gets {@code certificate-expiring}. */
    public static final int EXPIRING_DAYS = 30;

    private static final Comparator<Finding> BEST = Comparator.<Finding, Boolean>comparing(f -> !f.rule().isGeneric())
            .thenComparing(Finding::confidence)
            .thenComparing(f -> f.rule().id(), Comparator.reverseOrder());

    private InventoryBuilder() {
    }

    /** Finds the ignore file that applies to a location. */
    @FunctionalInterface
    public interface Suppressions {
        IgnoreFile forLocation(Location location);

        Suppressions NONE = location -> IgnoreFile.EMPTY;
    }

    /**
     * @param baseline fingerprints already known (from {@code --baseline}), or null without a baseline
     */
    public static List<SecretEntry> build(List<Finding> findings, OwnerResolver owners, Set<String> baseline) {
        return build(findings, owners, baseline, Suppressions.NONE, Instant.now());
    }

    /**
     * @param baseline     fingerprints already known (from {@code --baseline}), or null
     * @param suppressions the {@code .sprawlignore} of each location's target
     * @param now          the instant expiry findings are judged against; suppressions expire
     *                     against its date (UTC)
     */
    public static List<SecretEntry> build(List<Finding> findings, OwnerResolver owners, Set<String> baseline,
                                          Suppressions suppressions, Instant now) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        Map<String, List<Finding>> byFingerprint = new LinkedHashMap<>();
        Map<String, String> fingerprints = new java.util.HashMap<>();
        for (Finding f : findings) {
            String fp = fingerprints.computeIfAbsent(f.secret().reveal(), v -> f.secret().fingerprint());
            byFingerprint.computeIfAbsent(fp, k -> new ArrayList<>()).add(f);
        }
        List<SecretEntry> entries = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> e : byFingerprint.entrySet()) {
            entries.add(entry(e.getKey(), e.getValue(), owners, baseline, suppressions, today, now));
        }
        entries.sort(Comparator.comparing((SecretEntry s) -> s.locations().get(0), Location.ORDER)
                .thenComparing(SecretEntry::fingerprint));
        return entries;
    }

    private static SecretEntry entry(String fp, List<Finding> group, OwnerResolver owners, Set<String> baseline,
                                     Suppressions suppressions, java.time.LocalDate today, Instant now) {
        Finding best = group.stream().max(BEST).orElseThrow();
        Confidence confidence = group.stream().map(Finding::confidence).max(Comparator.naturalOrder()).orElseThrow();
        TreeSet<Location> locations = new TreeSet<>(Location.ORDER);
        for (Finding f : group) {
            locations.add(f.location());
        }
        Owner owner = null;
        for (Location l : locations) {
            Owner o = owners.ownerOf(l);
            if (o != null && (owner == null || o.rank() < owner.rank())) {
                owner = o;
            }
        }
        List<GovernanceFinding> findings = new ArrayList<>();
        findings.addAll(expiry(best.attributes(), now));
        Boolean isNew = baseline == null ? null : !baseline.contains(fp);
        String ignored = ignoreReason(fp, locations, suppressions, today, findings);
        return new SecretEntry(fp, best.rule(), confidence, best.secret(), best.attributes(), owner,
                new ArrayList<>(locations), findings, isNew, ignored);
    }

    /**
     * Why the secret is suppressed, or null: an unexpired fingerprint entry in {@code .sprawlignore},
     * or every location suppressed (a {@code sprawl:allow} line or an ignored path). An expired
     * fingerprint entry adds a {@code suppression-expired} finding instead.
     */
    private static String ignoreReason(String fp, java.util.Collection<Location> locations, Suppressions suppressions,
                                       java.time.LocalDate today, List<GovernanceFinding> findings) {
        Location first = locations.iterator().next();
        IgnoreFile file = suppressions.forLocation(first);
        IgnoreFile.Entry entry = file.entry(fp);
        if (entry != null) {
            if (entry.until() == null || !today.isAfter(entry.until())) {
                return file.describe(entry);
            }
            findings.add(new GovernanceFinding("suppression-expired", "medium",
                    "the .sprawlignore entry for this secret expired on " + entry.until() + "; it counts again"));
        }
        String reason = null;
        for (Location l : locations) {
            String why = l.allowed() ? "sprawl:allow" : suppressions.forLocation(l).pathReason(l.path());
            if (why == null) {
                return null;
            }
            if (reason == null) {
                reason = why;
            }
        }
        return reason;
    }

    /** Findings from the key material's own dates and algorithm (see the class comment). */
    static List<GovernanceFinding> expiry(Map<String, String> attributes, Instant now) {
        List<GovernanceFinding> out = new ArrayList<>();
        Instant notAfter = instant(attributes.get("notAfter"));
        if (notAfter != null) {
            if (!notAfter.isAfter(now)) {
                out.add(new GovernanceFinding("certificate-expired", "medium",
                        "the certificate expired on " + notAfter + "; remove it or replace it"));
            } else if (notAfter.isBefore(now.plus(Duration.ofDays(EXPIRING_DAYS)))) {
                long days = Duration.between(now, notAfter).toDays();
                out.add(new GovernanceFinding("certificate-expiring", "medium",
                        "the certificate expires on " + notAfter + " (in " + days + " days); renew it"));
            }
        }
        Instant exp = instant(attributes.get("exp"));
        if (exp != null && !exp.isAfter(now)) {
            out.add(new GovernanceFinding("token-expired", "low",
                    "the token expired on " + exp + " (exp claim); it can no longer be used but still shows who issued it"));
        }
        if ("none".equalsIgnoreCase(attributes.get("alg"))) {
            out.add(new GovernanceFinding("jwt-alg-none", "high",
                    "the JWT is unsigned (alg: none): anyone can forge it, and a service that accepts it has no authentication"));
        }
        return out;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
