package dev.sprawl.source.git;

import java.io.IOException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Compares two trees straight from their raw bytes: both entry lists are walked side by side in git's
 * order, equal entries (same name, mode and id) are skipped without being looked at further, differing
 * subtrees are entered, and every other path is reported. What a recursive JGit {@code TreeWalk} with
 * {@code TreeFilter.ANY_DIFF} reports, without its per-entry machinery. A name that is a file on one
 * side and a directory on the other gives two paths, as in git's order (the directory sorts as if its
 * name ended in {@code /}). One per thread; not thread-safe.
 */
final class RawTreeDiff {

    /** Receives each path whose entry differs. */
    interface Leaf {
        /**
         * @param before the entry's mode and id in the old tree, or mode 0 and null when it has none
         * @param after  the same in the new tree
         */
        void leaf(String path, int beforeMode, ObjectId before, int afterMode, ObjectId after);
    }

    /** Deepest directory nesting followed; deeper trees are reported as corrupt. */
    static final int MAX_DEPTH = 256;
    /**
     * Most differing entries one comparison visits. A hostile repository can name one subtree many
     * times in many levels (a "git bomb": ten entries of ten levels is ten billion paths); past this
     * the comparison stops as corrupt instead of walking for ever. Real trees stay far below it (the
     * largest public monorepos hold a few hundred thousand files).
     */
    static final long MAX_ENTRIES = 1_000_000;

    private long entries;

    private final ObjectReader reader;
    private byte[] path = new byte[1024];

    RawTreeDiff(ObjectReader reader) {
        this.reader = reader;
    }

    /** Reports every path that differs between {@code before} (null: an empty tree) and {@code after}. */
    void diff(ObjectId before, ObjectId after, Leaf out) throws IOException {
        entries = 0;
        Parsed a = before == null ? Parsed.EMPTY : tree(before, null);
        walk(a, after == null ? Parsed.EMPTY : tree(after, a), 0, 0, out);
    }

    /** The tree {@code id}, parsed with the help of {@code like} (a tree it is probably an edit of), or null. */
    private Parsed tree(ObjectId id, Parsed like) throws IOException {
        if (reader instanceof TreeCache cache) {
            return cache.parsed(id, like);
        }
        return Parsed.of(reader.open(id, Constants.OBJ_TREE).getCachedBytes(), like);
    }

    /**
     * A raw tree with where each entry starts, found in one pass that checks every entry: entry
     * {@code i} is {@code [starts[i], starts[i + 1])}, its name starts after its mode's digits and a
     * space and ends 21 bytes before its end (a NUL, then the 20-byte id); the name's start and the mode
     * are read from the bytes when wanted (the comparison looks at a few entries of each tree). Kept
     * with the raw bytes in {@link TreeCache}, so a tree compared again (the parent of the next commit)
     * is not parsed again.
     */
    static final class Parsed {
        static final Parsed EMPTY = new Parsed(new byte[0], new int[] {0}, 0);

        final byte[] raw;
        final int[] starts;
        final int n;

        private Parsed(byte[] raw, int[] starts, int n) {
            this.raw = raw;
            this.starts = starts;
            this.n = n;
        }

        /** Parses every entry; a bad mode or a truncated or nameless entry is corrupt. */
        static Parsed of(byte[] raw) throws CorruptObjectException {
            return of(raw, null);
        }

        /**
         * As {@link #of(byte[])}, taking the entries that {@code like} (a tree this one is probably an
         * edit of, such as its parent's) has where the bytes agree: from an entry start of both, identical
         * bytes hold the same entries. Only the entries that differ are parsed; after each, the walk finds
         * its place in {@code like} again by name (an entry changed, added or removed) and compares on.
         */
        static Parsed of(byte[] raw, Parsed similar) throws CorruptObjectException {
            Parsed like = similar == null ? EMPTY : similar;
            Builder out = new Builder(raw);
            int at = 0;
            int j = 0; // the entry of like that may start where `at` does
            while (at < raw.length) {
                if (j < like.n) {
                    int ls = like.starts[j];
                    int mm = java.util.Arrays.mismatch(raw, at, raw.length, like.raw, ls, like.raw.length);
                    if (mm < 0) {
                        out.copy(like, j, like.n, at - ls); // the rest is byte for byte the same
                        break;
                    }
                    int e = like.entryAt(j, ls + mm); // entries before it lie wholly in the identical bytes
                    if (e > j) {
                        out.copy(like, j, e, at - ls);
                        at += like.starts[e] - ls;
                        j = e;
                        if (at >= raw.length) {
                            break;
                        }
                    }
                }
                int next = out.parse(at);
                if (j < like.n) {
                    j = like.after(j, raw, nameStartAt(raw, at), next - 1 - Constants.OBJECT_ID_LENGTH);
                }
                at = next;
            }
            return out.build();
        }

        /**
         * Where to compare next after an entry named {@code raw[from, to)} that differed: past like's
         * entries from {@code j} on whose names sort before it, and past the one of the same name. A guess
         * that only decides how much is parsed, never what.
         */
        private int after(int j, byte[] raw, int from, int to) {
            while (j < n) {
                int c = java.util.Arrays.compareUnsigned(this.raw, nameStart(j), nameEnd(j), raw, from, to);
                if (c >= 0) {
                    return c == 0 ? j + 1 : j;
                }
                j++;
            }
            return j;
        }

        /** Entry arrays filled in order. */
        private static final class Builder {
            final byte[] raw;
            int cap;
            int[] starts;
            int n;

            Builder(byte[] raw) {
                this.raw = raw;
                cap = Math.max(4, raw.length / 32);
                starts = new int[cap + 1];
            }

            void room(int more) {
                if (n + more > cap) {
                    cap = Math.max(cap * 2, n + more);
                    starts = java.util.Arrays.copyOf(starts, cap + 1);
                }
            }

            /** Entries [from, to) of {@code t}, their positions moved by {@code shift}. */
            void copy(Parsed t, int from, int to, int shift) {
                int k = to - from;
                room(k);
                for (int e = 0; e < k; e++) {
                    starts[n + e] = t.starts[from + e] + shift;
                }
                n += k;
            }

            /** Parses the entry at {@code i}; returns where the next one starts. */
            int parse(int i) throws CorruptObjectException {
                room(1);
                starts[n] = i;
                while (i < raw.length && raw[i] != ' ') {
                    int d = raw[i] - '0';
                    if (d < 0 || d > 7) {
                        throw new CorruptObjectException("bad tree entry mode");
                    }
                    i++;
                }
                int nameStart = i + 1;
                int nul = nameStart;
                while (nul < raw.length && raw[nul] != 0) {
                    nul++;
                }
                if (nul + 1 + Constants.OBJECT_ID_LENGTH > raw.length || nul == nameStart) {
                    throw new CorruptObjectException("truncated tree entry");
                }
                n++;
                return nul + 1 + Constants.OBJECT_ID_LENGTH;
            }

            Parsed build() {
                starts[n] = raw.length;
                return new Parsed(raw, starts, n);
            }
        }

        int nameEnd(int e) {
            return starts[e + 1] - 1 - Constants.OBJECT_ID_LENGTH;
        }

        boolean isTree(int e) {
            return (mode(e) & FileMode.TYPE_MASK) == FileMode.TYPE_TREE;
        }

        /**
         * Where entry {@code e}'s name starts: after its mode's octal digits and a space (the parse has
         * checked both), so only where each entry starts is kept.
         */
        int nameStart(int e) {
            return nameStartAt(raw, starts[e]);
        }

        /** Where the name of the entry starting at {@code i} of {@code raw} starts (its mode checked). */
        private static int nameStartAt(byte[] raw, int i) {
            while (raw[i] != ' ') {
                i++;
            }
            return i + 1;
        }

        /** Entry {@code e}'s mode, from its octal digits. */
        int mode(int e) {
            int m = 0;
            for (int i = starts[e]; raw[i] != ' '; i++) {
                m = m << 3 | (raw[i] - '0');
            }
            return m;
        }

        ObjectId id(int e) {
            return ObjectId.fromRaw(raw, starts[e + 1] - Constants.OBJECT_ID_LENGTH);
        }

        /** Heap bytes this holds, roughly. */
        long bytes() {
            return raw.length + 4L * starts.length + 64;
        }

        /** The entry that holds byte {@code at} (at least {@code from}); {@code n} when {@code at} is the end. */
        int entryAt(int from, int at) {
            int lo = from;
            int hi = n;
            while (lo < hi) { // the last entry whose start is at most `at`
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= at) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }

    /** Git's tree order: names byte by byte, a tree's name as if it ended in '/'. */
    private static int compare(Parsed a, int i, Parsed b, int j) {
        int as = a.nameStart(i);
        int bs = b.nameStart(j);
        int la = a.nameEnd(i) - as;
        int lb = b.nameEnd(j) - bs;
        int n = Math.min(la, lb);
        int k = java.util.Arrays.mismatch(a.raw, as, as + n, b.raw, bs, bs + n);
        if (k >= 0) {
            return (a.raw[as + k] & 0xFF) - (b.raw[bs + k] & 0xFF);
        }
        int ca = la > n ? a.raw[as + n] & 0xFF : a.isTree(i) ? '/' : 0;
        int cb = lb > n ? b.raw[bs + n] & 0xFF : b.isTree(j) ? '/' : 0;
        return ca - cb;
    }

    private static boolean sameEntry(Parsed a, int i, Parsed b, int j) {
        if (a.mode(i) != b.mode(j)) {
            return false;
        }
        int ai = a.starts[i + 1] - Constants.OBJECT_ID_LENGTH;
        int bi = b.starts[j + 1] - Constants.OBJECT_ID_LENGTH;
        return java.util.Arrays.equals(a.raw, ai, ai + Constants.OBJECT_ID_LENGTH, b.raw, bi, bi + Constants.OBJECT_ID_LENGTH);
    }

    /**
     * Walks both entry lists side by side. Where the two trees hold the same bytes, the entries are the
     * same: one vectorised {@link java.util.Arrays#mismatch} skips every entry up to the first differing
     * byte (a commit that changes one file of a directory of hundreds compares a few entries, not all).
     */
    private void walk(Parsed a, Parsed b, int prefix, int depth, Leaf out) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new CorruptObjectException("trees nested deeper than " + MAX_DEPTH);
        }
        int i = 0;
        int j = 0;
        while (i < a.n || j < b.n) {
            if (i < a.n && j < b.n) {
                int pa = a.starts[i];
                int pb = b.starts[j];
                int mm = java.util.Arrays.mismatch(a.raw, pa, a.raw.length, b.raw, pb, b.raw.length);
                if (mm < 0) {
                    return; // the rest is byte for byte the same
                }
                if (mm > 0) {
                    int i2 = a.entryAt(i, pa + mm);
                    int j2 = j + (i2 - i);
                    if (j2 > b.n || b.starts[j2] - pb != a.starts[i2] - pa) {
                        throw new CorruptObjectException("trees parsed inconsistently");
                    }
                    i = i2;
                    j = j2;
                    if (i == a.n || j == b.n) {
                        continue;
                    }
                }
            }
            int cmp = i == a.n ? 1 : j == b.n ? -1 : compare(a, i, b, j);
            if (cmp == 0) {
                if (!sameEntry(a, i, b, j)) {
                    entry(a, i, b, j, prefix, depth, out);
                }
                i++;
                j++;
            } else if (cmp < 0) {
                entry(a, i, null, -1, prefix, depth, out);
                i++;
            } else {
                entry(null, -1, b, j, prefix, depth, out);
                j++;
            }
        }
    }

    /** A differing entry: entered when a tree, reported otherwise. */
    private void entry(Parsed a, int i, Parsed b, int j, int prefix, int depth, Leaf out) throws IOException {
        if (++entries > MAX_ENTRIES) {
            throw new CorruptObjectException("trees with more than " + MAX_ENTRIES + " differing entries");
        }
        Parsed named = a != null ? a : b;
        int e = a != null ? i : j;
        int end = append(named, e, prefix);
        if (named.isTree(e)) {
            path[end] = '/';
            Parsed sa = a == null ? Parsed.EMPTY : tree(a.id(i), null);
            walk(sa, b == null ? Parsed.EMPTY : tree(b.id(j), sa), end + 1, depth + 1, out);
            return;
        }
        out.leaf(RawParseUtils.decode(path, 0, end), a == null ? 0 : a.mode(i), a == null ? null : a.id(i),
                b == null ? 0 : b.mode(j), b == null ? null : b.id(j));
    }

    /** Appends the entry's name to the path at {@code prefix}; returns the new end. */
    private int append(Parsed t, int e, int prefix) {
        int nameStart = t.nameStart(e);
        int len = t.nameEnd(e) - nameStart;
        if (prefix + len + 1 > path.length) {
            path = java.util.Arrays.copyOf(path, Math.max(path.length * 2, prefix + len + 1));
        }
        System.arraycopy(t.raw, nameStart, path, prefix, len);
        return prefix + len;
    }
}
