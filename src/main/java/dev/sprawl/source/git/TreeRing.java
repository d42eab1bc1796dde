package dev.sprawl.source.git;

import java.util.Arrays;

/**
 * Built trees kept in one byte ring allocated once, by pack position: the second level behind
 * {@link PackTrees}' small cache of tree arrays. A cache of one array per tree that is larger than
 * what the young generation can carry is promoted whole at every young collection and dropped soon
 * after; on the git/git mirror that was 39 full collections and 6-7 s of pauses in a 30 s scan. Here
 * a tree's bytes are copied in when it leaves the small cache and copied out (a fresh array, so
 * nothing refers into the ring) when it is wanted again, which costs a copy instead of rebuilding it
 * from its delta chain. The newest bytes overwrite the oldest; an entry whose bytes were overwritten
 * is simply not found. Its memory is allocated at the first insertion, so a history whose trees fit the
 * small cache never pays for it. One per thread; not thread-safe.
 */
final class TreeRing {

    /** Probes per lookup or insertion: past them the oldest probed entry gives way. */
    private static final int PROBES = 16;

    private final int size;
    private byte[] ring;
    /** Bytes ever written: an entry at absolute position {@code p} is intact while {@code p >= head - size}. */
    private long head;
    private long[] keys;
    private long[] starts;
    private int[] lengths;
    private int mask;

    /** @param bytes the ring's size; entries larger than a quarter of it are not kept */
    TreeRing(int bytes) {
        size = bytes;
    }

    private void allocate() {
        ring = new byte[size];
        int slots = Integer.highestOneBit(Math.max(64, size / 512)) * 2;
        keys = new long[slots];
        starts = new long[slots];
        lengths = new int[slots];
        Arrays.fill(starts, -1);
        mask = slots - 1;
    }

    private boolean intact(int slot) {
        return starts[slot] >= 0 && starts[slot] >= head - size;
    }

    private int home(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** A copy of the bytes kept for {@code key}, or null. */
    byte[] get(long key) {
        if (ring == null) {
            return null;
        }
        int s = home(key);
        for (int i = 0; i < PROBES; i++, s = (s + 1) & mask) {
            if (starts[s] < 0) {
                return null; // never used: the key was not inserted past here
            }
            if (keys[s] == key) {
                if (!intact(s)) {
                    return null; // the newest entry of the key, overwritten since
                }
                int at = (int) (starts[s] % size);
                return Arrays.copyOfRange(ring, at, at + lengths[s]);
            }
        }
        return null;
    }

    /** Keeps a copy of {@code data} for {@code key} (nothing when it is too large). */
    void put(long key, byte[] data) {
        int n = data.length;
        if (n > size / 4) {
            return;
        }
        if (ring == null) {
            allocate();
        }
        int at = (int) (head % size);
        if (at + n > size) {
            head += size - at; // the tail is too short: start again at the front
            at = 0;
        }
        int s = home(key);
        int chosen = -1;
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < PROBES; i++, s = (s + 1) & mask) {
            if (starts[s] < 0 || keys[s] == key || !intact(s)) {
                chosen = s;
                break;
            }
            if (starts[s] < oldest) {
                oldest = starts[s];
                chosen = s;
            }
        }
        System.arraycopy(data, 0, ring, at, n);
        keys[chosen] = key;
        starts[chosen] = head;
        lengths[chosen] = n;
        head += n;
    }
}
