package dev.sprawl.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds every occurrence of every rule keyword in raw bytes in one pass, ASCII case-insensitive.
 *
 * <p>At each position the next three bytes, each as a case-folded 6-bit code, form an 18-bit index
 * that is rolled forward with one shift per byte and tested against a table of every keyword's first
 * three bytes; in ordinary text almost every position stops at that one bit test. Where it is set,
 * the three bytes' hash is tested against the table of the three-byte keywords and the four bytes'
 * hash against the table of the longer keywords' first four bytes, and only at a marked position are
 * the keywords of that hash bucket compared in full. Keywords are at least three bytes long (the rule
 * loader enforces it).
 */
final class KeywordMatcher {

    /** Receives each keyword occurrence: {@code end} is the index just past its last byte. */
    interface Hits {
        void hit(int keyword, int end);
    }

    private static final int HASH_BITS = 16;
    private static final int HASH_MASK = (1 << HASH_BITS) - 1;
    private static final byte[] LOWER = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            LOWER[b] = (byte) (b >= 'A' && b <= 'Z' ? b + 32 : b);
        }
    }

    private final byte[][] words;
    private final Table three;
    private final Table four;

    /** A bit table over prefix hashes and, per hash, the keywords to compare (CSR layout). */
    private static final class Table {
        final long[] marked = new long[1 << (HASH_BITS - 6)];
        final int[] bucketStart = new int[(1 << HASH_BITS) + 1];
        final int[] bucketWords;

        Table(byte[][] words, int prefix) {
            List<List<Integer>> buckets = new ArrayList<>();
            for (int h = 0; h <= HASH_MASK; h++) {
                buckets.add(null);
            }
            for (int k = 0; k < words.length; k++) {
                byte[] w = words[k];
                if ((prefix == 3) != (w.length == 3)) {
                    continue;
                }
                int h = prefix == 3 ? hash3(w[0], w[1], w[2]) : hash4(w[0], w[1], w[2], w[3]);
                marked[h >>> 6] |= 1L << h;
                if (buckets.get(h) == null) {
                    buckets.set(h, new ArrayList<>());
                }
                buckets.get(h).add(k);
            }
            List<Integer> flat = new ArrayList<>();
            for (int h = 0; h <= HASH_MASK; h++) {
                bucketStart[h] = flat.size();
                if (buckets.get(h) != null) {
                    flat.addAll(buckets.get(h));
                }
            }
            bucketStart[HASH_MASK + 1] = flat.size();
            bucketWords = flat.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    KeywordMatcher(List<String> keywords) {
        words = new byte[keywords.size()][];
        for (int k = 0; k < keywords.size(); k++) {
            byte[] w = keywords.get(k).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            if (w.length < 3) {
                throw new IllegalArgumentException("keywords must be at least 3 bytes");
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = LOWER[w[i] & 0xFF];
            }
            words[k] = w;
        }
        three = new Table(words, 3);
        four = new Table(words, 4);
        for (byte[] w : words) {
            int h = (CODE[w[0] & 0xFF] << 12) | (CODE[w[1] & 0xFF] << 6) | CODE[w[2] & 0xFF];
            codes3[h >>> 6] |= 1L << h;
        }
        for (byte[] w : words) {
            for (int i = 0; i + 1 < w.length; i++) {
                int pair = (w[i] & 0xFF) << 8 | (w[i + 1] & 0xFF);
                back[pair] = (byte) Math.max(back[pair], Math.min(i + 1, Byte.MAX_VALUE));
            }
        }
    }

    /**
     * Every keyword's first three bytes as three 6-bit {@link #CODE}s, an 18-bit index into a 256 Ki-bit
     * table: the scan's first test, one shift and one lookup per position.
     */
    private final long[] codes3 = new long[1 << (18 - 6)];
    private static final int CODES_MASK = (1 << 18) - 1;
    /**
     * A 6-bit code per byte, case-folded: letters and digits each have their own, other bytes share the
     * rest (a shared code only costs a closer look at that position).
     */
    private static final byte[] CODE = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            int c = b >= 'A' && b <= 'Z' ? b + 32 : b;
            CODE[b] = (byte) (c >= 'a' && c <= 'z' ? 1 + c - 'a' : c >= '0' && c <= '9' ? 27 + c - '0' : 37 + c % 27);
        }
    }

    /**
     * For every pair of adjacent bytes: 0 when it occurs in no keyword, else the most bytes of a
     * keyword that can come before the pair's second byte (the pair at index i of a keyword: i + 1).
     */
    private final byte[] back = new byte[1 << 16];

    /**
     * How far before {@code at} a keyword occurrence containing both {@code data[at - 1]} and
     * {@code data[at]} (one that straddles position {@code at}) can start: 0 when none can.
     */
    int straddleBack(byte[] data, int length, int at) {
        if (at <= 0 || at >= length) {
            return 0;
        }
        int pair = (LOWER[data[at - 1] & 0xFF] & 0xFF) << 8 | (LOWER[data[at] & 0xFF] & 0xFF);
        return back[pair];
    }

    private static final int K0 = 0x3A7;
    private static final int K1 = 0x61;
    private static final int K2 = 0x1F3D;
    private static final int K3 = 0x2B9B;

    private static int hash3(byte a, byte b, byte c) {
        return ((a & 0xFF) * K0 ^ (b & 0xFF) * K1 ^ (c & 0xFF) * K2) & HASH_MASK;
    }

    private static int hash4(byte a, byte b, byte c, byte d) {
        return ((a & 0xFF) * K0 ^ (b & 0xFF) * K1 ^ (c & 0xFF) * K2 ^ (d & 0xFF) * K3) & HASH_MASK;
    }

    int keywordLength(int keyword) {
        return words[keyword].length;
    }

    /** Reports every keyword occurrence in {@code data[0, length)}, in order of start position. */
    void scan(byte[] data, int length, Hits hits) {
        scan(data, length, 0, length, hits);
    }

    /**
     * Reports every keyword occurrence that starts in {@code [from, to)} and ends within
     * {@code data[0, length)}, in order of start position.
     */
    void scan(byte[] data, int length, int from, int to, Hits hits) {
        from = Math.max(0, from);
        to = Math.min(to, length - 2); // a keyword has at least three bytes
        if (from >= to) {
            return;
        }
        final long[] bits3 = three.marked;
        final long[] any3 = codes3;
        final byte[] lower = LOWER;
        final byte[] code = CODE;
        int h = (code[data[from] & 0xFF] << 6) | code[data[from + 1] & 0xFF];
        int i = from;
        int fourEnd = Math.min(to, length - 3); // positions with four bytes left
        // eight positions a step: their eight first-test bits are or-ed, one branch when none is set
        // (about 5% of positions pass in source text); the step is ~10% faster under C1 than one by one.
        // The set bits are tested one by one: C1 has no intrinsic for Long.numberOfTrailingZeros
        for (; i + 8 <= fourEnd; i += 8) {
            int h0 = ((h << 6) | code[data[i + 2] & 0xFF]) & CODES_MASK;
            int h1 = ((h0 << 6) | code[data[i + 3] & 0xFF]) & CODES_MASK;
            int h2 = ((h1 << 6) | code[data[i + 4] & 0xFF]) & CODES_MASK;
            int h3 = ((h2 << 6) | code[data[i + 5] & 0xFF]) & CODES_MASK;
            int h4 = ((h3 << 6) | code[data[i + 6] & 0xFF]) & CODES_MASK;
            int h5 = ((h4 << 6) | code[data[i + 7] & 0xFF]) & CODES_MASK;
            int h6 = ((h5 << 6) | code[data[i + 8] & 0xFF]) & CODES_MASK;
            int h7 = ((h6 << 6) | code[data[i + 9] & 0xFF]) & CODES_MASK;
            h = h7;
            long b0 = any3[h0 >>> 6] >>> h0;
            long b1 = any3[h1 >>> 6] >>> h1;
            long b2 = any3[h2 >>> 6] >>> h2;
            long b3 = any3[h3 >>> 6] >>> h3;
            long b4 = any3[h4 >>> 6] >>> h4;
            long b5 = any3[h5 >>> 6] >>> h5;
            long b6 = any3[h6 >>> 6] >>> h6;
            long b7 = any3[h7 >>> 6] >>> h7;
            if (((b0 | b1 | b2 | b3 | b4 | b5 | b6 | b7) & 1L) != 0) {
                if ((b0 & 1L) != 0) {
                    candidate(data, length, i, hits);
                }
                if ((b1 & 1L) != 0) {
                    candidate(data, length, i + 1, hits);
                }
                if ((b2 & 1L) != 0) {
                    candidate(data, length, i + 2, hits);
                }
                if ((b3 & 1L) != 0) {
                    candidate(data, length, i + 3, hits);
                }
                if ((b4 & 1L) != 0) {
                    candidate(data, length, i + 4, hits);
                }
                if ((b5 & 1L) != 0) {
                    candidate(data, length, i + 5, hits);
                }
                if ((b6 & 1L) != 0) {
                    candidate(data, length, i + 6, hits);
                }
                if ((b7 & 1L) != 0) {
                    candidate(data, length, i + 7, hits);
                }
            }
        }
        for (; i < fourEnd; i++) {
            h = ((h << 6) | code[data[i + 2] & 0xFF]) & CODES_MASK;
            if (((any3[h >>> 6] >>> h) & 1L) != 0) {
                candidate(data, length, i, hits);
            }
        }
        int c0 = lower[data[i] & 0xFF] & 0xFF;
        int c1 = lower[data[i + 1] & 0xFF] & 0xFF;
        int c2 = lower[data[i + 2] & 0xFF] & 0xFF;
        if (i < to) {
            // the last three bytes can only hold a three-byte keyword
            int h3 = (c0 * K0 ^ c1 * K1 ^ c2 * K2) & HASH_MASK;
            if (((bits3[h3 >>> 6] >>> h3) & 1L) != 0) {
                verify(three, data, length, i, h3, hits);
            }
        }
    }

    /** Position {@code i} passed the first test and has four bytes after it: the three- and four-byte tables decide. */
    private void candidate(byte[] data, int length, int i, Hits hits) {
        final byte[] lower = LOWER;
        int x = (lower[data[i] & 0xFF] & 0xFF) * K0 ^ (lower[data[i + 1] & 0xFF] & 0xFF) * K1
                ^ (lower[data[i + 2] & 0xFF] & 0xFF) * K2;
        int h3 = x & HASH_MASK;
        if (((three.marked[h3 >>> 6] >>> h3) & 1L) != 0) {
            verify(three, data, length, i, h3, hits);
        }
        int h4 = (x ^ (lower[data[i + 3] & 0xFF] & 0xFF) * K3) & HASH_MASK;
        if (((four.marked[h4 >>> 6] >>> h4) & 1L) != 0) {
            verify(four, data, length, i, h4, hits);
        }
    }

    private void verify(Table t, byte[] data, int length, int at, int h, Hits hits) {
        for (int j = t.bucketStart[h]; j < t.bucketStart[h + 1]; j++) {
            int k = t.bucketWords[j];
            byte[] w = words[k];
            if (at + w.length > length) {
                continue;
            }
            int n = 0;
            while (n < w.length && LOWER[data[at + n] & 0xFF] == w[n]) {
                n++;
            }
            if (n == w.length) {
                hits.hit(k, at + w.length);
            }
        }
    }
}
