package dev.sprawl.govern;

import dev.sprawl.classify.Location;
import java.time.Instant;
import java.util.List;

/**
 * A secret as an earlier inventory ({@code --baseline}) recorded it. Old baselines lack
 * {@code firstSeen}: then the oldest git {@code date} of its locations stands in.
 *
 * @param type      its {@code type}, or null
 * @param firstSeen its {@code firstSeen}, or null
 * @param locations its locations as recorded (dates as text)
 */
public record BaselineSecret(String fingerprint, String type, Instant firstSeen, List<Location> locations) {

    public BaselineSecret {
        locations = List.copyOf(locations);
    }
}
