package dev.sprawl.detect;

import java.util.List;

/**
 * What detection learnt about one blob, kept so that a blob derived from it (a newer version stored
 * as a delta) can be detected incrementally: its final matches and every keyword occurrence.
 *
 * @param matches the blob's matches, in the blob's offsets
 * @param bounds  for each match, the regex match around its secret: {@code start << 32 | end}
 * @param hits    keyword occurrences, each {@code end << 32 | keyword}, sorted
 * @param length  the blob's length
 */
public record Known(List<Match> matches, long[] bounds, long[] hits, int length) {

    public Known {
        matches = List.copyOf(matches);
    }
}
