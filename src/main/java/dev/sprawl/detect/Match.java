package dev.sprawl.detect;

import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A confirmed rule match in one blob.
 *
 * @param start        byte offset of the secret (the rule's {@code secret} group)
 * @param end          byte offset just past the secret
 * @param secret       the secret value; never printed except with {@code --show-secrets}
 * @param weak   the value is a weak signal: a default word or counting sequence, under the rule's
 *               {@code minEntropy}, or (generic rules) shaped like a name, path, word or phrase
 * @param confidence   the confidence an engine judged from the value's shape, or null for the rule's own
 * @param attributes   what the engine learnt about the value ({@code placeholderLike}, {@code encoding}...)
 * @param identities   spans of the identity the secret authenticates, found by the engine in the
 *                     same record (a URL's user and host)
 */
public record Match(Rule rule, int start, int end, SecretValue secret, boolean weak, Confidence confidence,
                    SortedMap<String, String> attributes, List<IdentitySpan> identities) {

    private static final SortedMap<String, String> NONE = java.util.Collections.unmodifiableSortedMap(new TreeMap<>());

    public Match(Rule rule, int start, int end, SecretValue secret, boolean weak) {
        this(rule, start, end, secret, weak, null, NONE, List.of());
    }

    public Match {
        attributes = attributes.isEmpty() ? NONE : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
        identities = List.copyOf(identities);
    }

    /** The same match moved by {@code shift} bytes (a copied run of a derived blob). */
    public Match shifted(int shift) {
        List<IdentitySpan> moved = identities.stream()
                .map(i -> new IdentitySpan(i.kind(), i.start() + shift, i.end() + shift, i.value())).toList();
        return new Match(rule, start + shift, end + shift, secret, weak, confidence, attributes, moved);
    }

    /**
     * Where an identity is written in the blob.
     *
     * @param kind  {@code user}, {@code key-id}, {@code client-id}, {@code account} or {@code host}
     * @param value the identity (decoded where the syntax encodes it)
     */
    public record IdentitySpan(String kind, int start, int end, String value) {
    }
}
