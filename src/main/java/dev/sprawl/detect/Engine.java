package dev.sprawl.detect;

import dev.sprawl.detect.names.NameValueEngine;
import dev.sprawl.detect.names.UrlCredentialEngine;
import dev.sprawl.rules.Engines;

/**
 * A built-in detection engine: Java code that finds a rule's matches where a regex cannot say the
 * syntax well (credential names bound by any syntax, URL userinfo). Like a rule's regex it is only
 * tried at the match starts the keyword prefilter allows, and only reads a bounded window around
 * them ({@link Engines}). Stateless and thread-safe.
 */
public interface Engine {

    /** Receives a match and its whole extent (name to value); returns true when the match limit was reached. */
    @FunctionalInterface
    interface Found {
        boolean add(Match match, int matchStart, int matchEnd);
    }

    /**
     * Finds the matches of {@code rule} through the keyword occurrences that start in {@code [from, to)}
     * of {@code data[0, length)}; a match may start up to the rule's keyword lead before them.
     *
     * @return the end of the last match's extent, or {@code from} when none
     */
    int find(byte[] data, int length, int from, int to, dev.sprawl.rules.Rule rule, Found out);

    static Engine of(String name) {
        return switch (name) {
            case Engines.CREDENTIAL_NAMES -> NameValueEngine.INSTANCE;
            case Engines.URL_CREDENTIALS -> UrlCredentialEngine.INSTANCE;
            default -> throw new IllegalArgumentException("unknown engine " + name);
        };
    }
}
