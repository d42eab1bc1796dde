package dev.sprawl.govern;

import dev.sprawl.classify.Location;
import dev.sprawl.inventory.ResolvedSecret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Secrets of the baseline that this scan no longer finds ({@code resolved[]}), sorted by fingerprint.
 * {@code resolvedAfterDays} counts whole days from the secret's first sighting (the baseline's
 * {@code firstSeen}, else the oldest git date of its locations there) to this scan's start: an upper
 * bound of the time it took to remove it.
 */
final class Resolution {

    private Resolution() {
    }

    static List<ResolvedSecret> of(List<BaselineSecret> baseline, Set<String> present, Instant now) {
        List<ResolvedSecret> out = new ArrayList<>();
        for (BaselineSecret b : baseline) {
            if (present.contains(b.fingerprint())) {
                continue;
            }
            Instant first = b.firstSeen() != null ? b.firstSeen()
                    : Lifecycles.of(b.locations(), false, now).firstSeen();
            out.add(new ResolvedSecret(b.fingerprint(), b.type(), last(b.locations()),
                    first == null ? null : Lifecycles.days(first, now)));
        }
        out.sort(Comparator.comparing(ResolvedSecret::fingerprint));
        return out;
    }

    /** The location with the newest {@code date}; without dates, the first one. */
    static Location last(List<Location> locations) {
        Location best = null;
        Instant bestDate = null;
        for (Location l : locations) {
            Instant d = Lifecycles.instant(l.details().get("date"));
            if (best == null || (d != null && (bestDate == null || d.isAfter(bestDate)))) {
                best = l;
                bestDate = d;
            }
        }
        return best;
    }
}
