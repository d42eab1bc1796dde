package dev.sprawl.inventory;

import dev.sprawl.classify.Location;

/**
 * A secret of the {@code --baseline} inventory that this scan no longer finds (the inventory's
 * {@code resolved[]}).
 *
 * @param type              the type the baseline gave it
 * @param lastLocation      the baseline's location of it with the newest date (else its first location),
 *                          or null when the baseline listed none
 * @param resolvedAfterDays whole days from its first sighting to this scan's start, or null when unknown
 */
public record ResolvedSecret(String fingerprint, String type, Location lastLocation, Long resolvedAfterDays) {
}
