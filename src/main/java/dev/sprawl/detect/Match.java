package dev.sprawl.detect;

import dev.sprawl.rules.Rule;

/**
 * A confirmed rule match in one blob.
 *
 * @param start        byte offset of the secret (the rule's {@code secret} group)
 * @param end          byte offset just past the secret
 * @param secret       the secret value; never printed except with {@code --show-secrets}
 * @param weak   the value is a weak signal: a default word or counting sequence, under the rule's
 *               {@code minEntropy}, or (generic rules) shaped like a name, path, word or phrase
 */
public record Match(Rule rule, int start, int end, SecretValue secret, boolean weak) {
}
