package dev.sprawl.govern;

import java.util.Set;

/**
 * The manifest's {@code policy}.
 *
 * @param maxAgeDays the age in days beyond which a secret whose identity has no {@code rotateEvery}
 *                   is {@code rotation-overdue}
 * @param fail       finding codes that fail the build (exit 1) wherever they appear on a secret that
 *                   is not suppressed, whatever its confidence and whether it is new
 */
record Policy(long maxAgeDays, Set<String> fail) {

    /** Default {@code maxAge}: 90 days. */
    static final long DEFAULT_MAX_AGE_DAYS = 90;

    static final Policy DEFAULT = new Policy(DEFAULT_MAX_AGE_DAYS, Set.of());

    Policy {
        fail = Set.copyOf(fail);
    }
}
