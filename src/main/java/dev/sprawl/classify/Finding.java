package dev.sprawl.classify;

import dev.sprawl.detect.SecretValue;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import java.util.SortedMap;

/**
 * A classified match at one location: what the secret is, how sure we are, and what its key
 * material says about itself ({@code attributes}, e.g. {@code checksum: valid}).
 */
public record Finding(Rule rule, SecretValue secret, Confidence confidence,
                      SortedMap<String, String> attributes, Location location) {
}
