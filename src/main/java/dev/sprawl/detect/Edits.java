package dev.sprawl.detect;

import java.util.Arrays;

/**
 * How a derived blob relates to its base: the runs copied verbatim from the base ("clean") and the
 * dirty intervals everything else falls in — inserted bytes and the seams where a run starts or ends
 * without continuing the base (a zero-length interval). Runs touching both blobs' starts (or both
 * ends) extend to infinity on that side, since the edge of the input looks the same from both.
 */
final class Edits {

    /** Clean runs by derived offset: dst, src, length. */
    private final int[] dst;
    private final int[] src;
    private final int[] len;
    private final boolean[] openStart;
    private final boolean[] openEnd;
    /** Dirty intervals [from, to), sorted and disjoint (to == from for a seam). */
    private final int[] dirtyFrom;
    private final int[] dirtyTo;

    private Edits(int[] dst, int[] src, int[] len, boolean[] openStart, boolean[] openEnd, int[] dirtyFrom,
                  int[] dirtyTo) {
        this.dst = dst;
        this.src = src;
        this.len = len;
        this.openStart = openStart;
        this.openEnd = openEnd;
        this.dirtyFrom = dirtyFrom;
        this.dirtyTo = dirtyTo;
    }

    /**
     * @param runs (dst, src, length) triples of bytes copied from the base, in increasing dst order
     * @return the edits, or null when the runs do not describe the two lengths consistently
     */
    static Edits of(int[] runs, int length, int baseLength) {
        if (runs.length % 3 != 0) {
            return null;
        }
        int n = 0;
        int[] d = new int[runs.length / 3];
        int[] s = new int[d.length];
        int[] l = new int[d.length];
        int lastEnd = 0;
        for (int i = 0; i < runs.length; i += 3) {
            int rd = runs[i];
            int rs = runs[i + 1];
            int rl = runs[i + 2];
            if (rl <= 0 || rd < lastEnd || rs < 0 || (long) rd + rl > length || (long) rs + rl > baseLength) {
                return null;
            }
            if (n > 0 && d[n - 1] + l[n - 1] == rd && s[n - 1] + l[n - 1] == rs) {
                l[n - 1] += rl; // continues the previous run
            } else {
                d[n] = rd;
                s[n] = rs;
                l[n] = rl;
                n++;
            }
            lastEnd = rd + rl;
        }
        d = Arrays.copyOf(d, n);
        s = Arrays.copyOf(s, n);
        l = Arrays.copyOf(l, n);
        boolean[] os = new boolean[n];
        boolean[] oe = new boolean[n];
        int[] df = new int[2 * n + 1];
        int[] dt = new int[2 * n + 1];
        int k = 0;
        int pos = 0;
        for (int i = 0; i < n; i++) {
            os[i] = d[i] == 0 && s[i] == 0;
            oe[i] = d[i] + l[i] == length && s[i] + l[i] == baseLength;
            if (!os[i]) {
                k = addDirty(df, dt, k, pos, d[i]); // inserted bytes before the run, or its seam
            }
            pos = d[i] + l[i];
            if (!oe[i]) {
                k = addDirty(df, dt, k, pos, pos);
            }
        }
        if (pos < length || n == 0) {
            k = addDirty(df, dt, k, pos, length);
        }
        return new Edits(d, s, l, os, oe, Arrays.copyOf(df, k), Arrays.copyOf(dt, k));
    }

    private static int addDirty(int[] from, int[] to, int k, int a, int b) {
        if (k > 0 && a <= to[k - 1]) {
            to[k - 1] = Math.max(to[k - 1], b);
            return k;
        }
        from[k] = a;
        to[k] = b;
        return k + 1;
    }

    int runs() {
        return dst.length;
    }

    int dst(int i) {
        return dst[i];
    }

    int src(int i) {
        return src[i];
    }

    int length(int i) {
        return len[i];
    }

    int dirtyCount() {
        return dirtyFrom.length;
    }

    int dirtyFrom(int i) {
        return dirtyFrom[i];
    }

    int dirtyTo(int i) {
        return dirtyTo[i];
    }

    /** True when derived range [from, to) lies within one clean run (open sides included). */
    boolean clean(long from, long to) {
        int i = runAt(from);
        return i >= 0 && (openStart[i] || from >= dst[i]) && (openEnd[i] || to <= (long) dst[i] + len[i]);
    }

    /** The run whose derived interval holds {@code pos} (or the first run, for positions before it). */
    private int runAt(long pos) {
        int lo = 0;
        int hi = dst.length - 1;
        int found = dst.length > 0 && openStart[0] && pos < dst[0] + (long) len[0] ? 0 : -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (dst[mid] <= pos) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** True when base range [from, to) lies within run i's source (open sides included). */
    boolean cleanInBase(int i, long from, long to) {
        return (openStart[i] || from >= src[i]) && (openEnd[i] || to <= (long) src[i] + len[i]);
    }

    /**
     * {@link #near} with radius 0 for a range around a position inside run {@code i}: only the dirty
     * intervals that bound the run (the one ending at its start, the one starting at its end) can be
     * the nearest, and an open side has none.
     */
    boolean nearRun(int i, long from, long to) {
        return !openStart[i] && from <= dst[i] || !openEnd[i] && to >= (long) dst[i] + len[i];
    }

    /** True when some dirty interval comes within {@code radius} of derived range [from, to). */
    boolean near(long from, long to, long radius) {
        // first interval whose end reaches from - radius
        int lo = 0;
        int hi = dirtyTo.length - 1;
        int first = dirtyTo.length;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (dirtyTo[mid] + radius >= from) {
                first = mid;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return first < dirtyTo.length && dirtyFrom[first] - radius <= to;
    }
}
