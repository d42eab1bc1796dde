package dev.sprawl.govern;

import dev.sprawl.classify.Location;
import dev.sprawl.inventory.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Lifecycle dates from the git details of a secret's locations ({@code date}: the author date of the
 * commit that introduced the secret at that path; {@code removedAt}: the author date of the commit on
 * HEAD's line that removed it). Only {@code source: git} locations count; without one, every field is
 * null: file and image locations carry no trustworthy date, and none is invented.
 */
final class Lifecycles {

    private Lifecycles() {
    }

    static Lifecycle of(List<Location> locations, boolean historyOnly, Instant now) {
        Instant first = null;
        Instant last = null;
        Instant removed = null;
        for (Location l : locations) {
            if (!"git".equals(l.source())) {
                continue;
            }
            Instant date = instant(l.details().get("date"));
            if (date != null) {
                first = first == null || date.isBefore(first) ? date : first;
                last = last == null || date.isAfter(last) ? date : last;
            }
            Instant gone = instant(l.details().get("removedAt"));
            if (gone != null && (removed == null || gone.isAfter(removed))) {
                removed = gone;
            }
        }
        if (first == null) {
            return Lifecycle.UNKNOWN;
        }
        Long exposure = historyOnly && removed != null ? days(first, removed) : null;
        return new Lifecycle(first, last, days(first, now), exposure);
    }

    /** Whole days from {@code from} to {@code to}; 0 when {@code to} is earlier (a commit dated ahead). */
    static long days(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toDays());
    }

    /** A date detail: an {@link Instant} from a scan, or its ISO-8601 text from a baseline. */
    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
