package dev.sprawl.govern;

import dev.sprawl.classify.Location;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.inventory.ResolvedSecret;
import dev.sprawl.inventory.SecretEntry;
import dev.sprawl.rules.Confidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The programme metrics of an inventory (its {@code summary}), computed from the governed inventory
 * alone. Every figure counts the secrets that are not suppressed ({@code ignored}); docs/governance.md
 * defines each one.
 *
 * @param secrets          secrets not suppressed (the base of every percentage)
 * @param ignored          suppressed secrets, counted in nothing else
 * @param byCategory       secrets per category, by category label
 * @param byConfidence     secrets per confidence, high first
 * @param owned            secrets with an owner from any source
 * @param orphaned         secrets without owner
 * @param rotationCovered  secrets whose identity has a {@code rotateEvery}
 * @param rotationKnownAge of those, the ones whose age is known
 * @param rotationWithin   of those, the ones not older than their {@code rotateEvery}
 * @param historyOnly      secrets carrying {@code history-only}
 * @param ages             the known {@code ageDays}, sorted
 * @param perOwner         secrets per owner name, most first, then by name; at most {@value #TOP}
 * @param orphanedByRepo   orphaned secrets per repository (a location's {@code repo} detail, else its
 *                         target), most first; at most {@value #TOP}
 * @param orphanedByContext orphaned secrets per location context, most first; at most {@value #TOP}
 * @param resolved         resolved secrets, or null without a baseline
 * @param resolvedDays     the known {@code resolvedAfterDays}, sorted (empty without a baseline)
 */
public record Summary(int secrets, int ignored, Map<String, Integer> byCategory, Map<String, Integer> byConfidence,
                      int owned, int orphaned, int rotationCovered, int rotationKnownAge, int rotationWithin,
                      int historyOnly, List<Long> ages, List<Count> perOwner, List<Count> orphanedByRepo,
                      List<Count> orphanedByContext, Integer resolved, List<Long> resolvedDays) {

    /** Longest ranked lists. */
    public static final int TOP = 20;

    /** A name and how many secrets it has. */
    public record Count(String name, int secrets) {
    }

    public static Summary of(Inventory inv) {
        Tally tally = new Tally(inv.targets().isEmpty() ? "" : inv.targets().get(0));
        for (SecretEntry s : inv.secrets()) {
            tally.add(s.ignored() != null, s.rule().category().label(), s.confidence().label(), s.lifecycle().ageDays(),
                    s.nhi() == null ? null : s.nhi().rotateEvery(), s.hasFinding(Codes.HISTORY_ONLY),
                    s.owner() == null ? null : s.owner().name(), s.locations());
        }
        return tally.summary(inv.resolved());
    }

    /**
     * The summary built one governed secret at a time (a scan's inventory, or {@code sprawl merge}'s
     * stream of merged secrets): it keeps counts and the ages, never the secrets.
     */
    public static final class Tally {
        private final String defaultTarget;
        private int counted;
        private int ignored;
        private final Map<String, Integer> byCategory = new TreeMap<>();
        private final Map<String, Integer> byConfidence = new LinkedHashMap<>();
        private int owned;
        private int covered;
        private int knownAge;
        private int within;
        private int historyOnly;
        private final List<Long> ages = new ArrayList<>();
        private final Map<String, Integer> perOwner = new HashMap<>();
        private final Map<String, Integer> byRepo = new HashMap<>();
        private final Map<String, Integer> byContext = new HashMap<>();

        /** @param defaultTarget the target of a location without {@code repo} or {@code target} detail (the first target) */
        public Tally(String defaultTarget) {
            this.defaultTarget = defaultTarget;
            for (Confidence c : List.of(Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW)) {
                byConfidence.put(c.label(), 0);
            }
        }

        /**
         * Counts one governed secret.
         *
         * @param rotateEvery its identity's {@code rotateEvery} text, or null
         * @param owner       its owner's name, or null
         */
        public void add(boolean isIgnored, String category, String confidence, Long ageDays, String rotateEvery,
                        boolean isHistoryOnly, String owner, List<Location> locations) {
            if (isIgnored) {
                ignored++;
                return;
            }
            counted++;
            byCategory.merge(category, 1, Integer::sum);
            byConfidence.merge(confidence, 1, Integer::sum);
            if (ageDays != null) {
                ages.add(ageDays);
            }
            Long rotate = rotateEvery == null ? null : ManifestParser.days(rotateEvery);
            if (rotate != null) {
                covered++;
                if (ageDays != null) {
                    knownAge++;
                    if (ageDays <= rotate) {
                        within++;
                    }
                }
            }
            if (isHistoryOnly) {
                historyOnly++;
            }
            if (owner != null) {
                owned++;
                perOwner.merge(owner, 1, Integer::sum);
            } else {
                Set<String> repos = new LinkedHashSet<>();
                Set<String> contexts = new LinkedHashSet<>();
                for (Location l : locations) {
                    Object repo = l.details().get("repo");
                    Object target = l.details().get("target");
                    repos.add(repo != null ? repo.toString() : target != null ? target.toString() : defaultTarget);
                    contexts.add(l.context());
                }
                repos.forEach(r -> byRepo.merge(r, 1, Integer::sum));
                contexts.forEach(c -> byContext.merge(c, 1, Integer::sum));
            }
        }

        /** @param resolved the resolved secrets of a baseline comparison, or null without a baseline */
        public Summary summary(List<ResolvedSecret> resolved) {
            List<Long> sortedAges = new ArrayList<>(ages);
            sortedAges.sort(null);
            Integer resolvedCount = null;
            List<Long> resolvedDays = new ArrayList<>();
            if (resolved != null) {
                resolvedCount = resolved.size();
                for (ResolvedSecret r : resolved) {
                    if (r.resolvedAfterDays() != null) {
                        resolvedDays.add(r.resolvedAfterDays());
                    }
                }
                resolvedDays.sort(null);
            }
            return new Summary(counted, ignored, byCategory, byConfidence, owned, counted - owned, covered, knownAge,
                    within, historyOnly, sortedAges, ranked(perOwner), ranked(byRepo), ranked(byContext), resolvedCount,
                    resolvedDays);
        }
    }

    public Summary {
        byCategory = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byCategory));
        byConfidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byConfidence));
        ages = List.copyOf(ages);
        perOwner = List.copyOf(perOwner);
        orphanedByRepo = List.copyOf(orphanedByRepo);
        orphanedByContext = List.copyOf(orphanedByContext);
        resolvedDays = List.copyOf(resolvedDays);
    }

    private static List<Count> ranked(Map<String, Integer> counts) {
        List<Count> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new Count(k, v)));
        out.sort(Comparator.comparingInt(Count::secrets).reversed().thenComparing(Count::name));
        return out.size() > TOP ? List.copyOf(out.subList(0, TOP)) : out;
    }

    /** {@code part} as a percentage of {@code whole}, rounded half up to one decimal; 0 when whole is 0. */
    public static double percent(int part, int whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }

    /** The middle of sorted values (the mean of the two middle ones for an even count), or null when empty. */
    public static Double median(List<Long> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return null;
        }
        return n % 2 == 1 ? sorted.get(n / 2).doubleValue() : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /** The largest value, or null when empty. */
    public static Long max(List<Long> sorted) {
        return sorted.isEmpty() ? null : sorted.get(sorted.size() - 1);
    }

    /** The table footer's governance headline. */
    public String headline() {
        StringBuilder sb = new StringBuilder("governance: ");
        sb.append(orphaned).append(" of ").append(secrets).append(" orphaned (").append(fmt(percent(orphaned, secrets)))
                .append("%), rotation coverage ").append(fmt(percent(rotationCovered, secrets))).append('%');
        if (rotationKnownAge > 0) {
            sb.append(" (").append(fmt(percent(rotationWithin, rotationKnownAge))).append("% within)");
        }
        sb.append(", ").append(historyOnly).append(" history-only");
        Double median = median(ages);
        if (median != null) {
            sb.append(", median age ").append(fmt(median)).append(" days (max ").append(max(ages)).append(')');
        }
        if (resolved != null) {
            sb.append(", ").append(resolved).append(" resolved");
            Double r = median(resolvedDays);
            if (r != null) {
                sb.append(" (median ").append(fmt(r)).append(" days)");
            }
        }
        return sb.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
