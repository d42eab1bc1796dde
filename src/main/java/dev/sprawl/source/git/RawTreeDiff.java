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
        walk(before == null ? null : tree(before), after == null ? null : tree(after), 0, 0, out);
    }

    private byte[] tree(ObjectId id) throws IOException {
        return reader.open(id, Constants.OBJ_TREE).getCachedBytes();
    }

    /** One tree entry's position in its raw tree: [start, nameEnd) is "mode name", then NUL and the id. */
    private static final class Cursor {
        final byte[] raw;
        int at;
        int mode;
        int nameStart;
        int nameEnd;

        Cursor(byte[] raw) {
            this.raw = raw;
        }

        /** Parses the entry at {@code at}; false at the end. */
        boolean parse() throws CorruptObjectException {
            if (raw == null || at >= raw.length) {
                return false;
            }
            int i = at;
            int m = 0;
            while (i < raw.length && raw[i] != ' ') {
                int d = raw[i] - '0';
                if (d < 0 || d > 7) {
                    throw new CorruptObjectException("bad tree entry mode");
                }
                m = m << 3 | d;
                i++;
            }
            nameStart = i + 1;
            int nul = nameStart;
            while (nul < raw.length && raw[nul] != 0) {
                nul++;
            }
            if (nul + 1 + Constants.OBJECT_ID_LENGTH > raw.length || nul == nameStart) {
                throw new CorruptObjectException("truncated tree entry");
            }
            mode = m;
            nameEnd = nul;
            return true;
        }

        int idAt() {
            return nameEnd + 1;
        }

        void next() {
            at = nameEnd + 1 + Constants.OBJECT_ID_LENGTH;
        }

        boolean isTree() {
            return (mode & FileMode.TYPE_MASK) == FileMode.TYPE_TREE;
        }

        ObjectId id() {
            return ObjectId.fromRaw(raw, idAt());
        }
    }

    /** Git's tree order: names byte by byte, a tree's name as if it ended in '/'. */
    private static int compare(Cursor a, Cursor b) {
        int la = a.nameEnd - a.nameStart;
        int lb = b.nameEnd - b.nameStart;
        int n = Math.min(la, lb);
        for (int k = 0; k < n; k++) {
            int d = (a.raw[a.nameStart + k] & 0xFF) - (b.raw[b.nameStart + k] & 0xFF);
            if (d != 0) {
                return d;
            }
        }
        int ca = la > n ? a.raw[a.nameStart + n] & 0xFF : a.isTree() ? '/' : 0;
        int cb = lb > n ? b.raw[b.nameStart + n] & 0xFF : b.isTree() ? '/' : 0;
        return ca - cb;
    }

    private static boolean sameEntry(Cursor a, Cursor b) {
        if (a.mode != b.mode) {
            return false;
        }
        for (int k = 0; k < Constants.OBJECT_ID_LENGTH; k++) {
            if (a.raw[a.idAt() + k] != b.raw[b.idAt() + k]) {
                return false;
            }
        }
        return true;
    }

    private void walk(byte[] before, byte[] after, int prefix, int depth, Leaf out) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new CorruptObjectException("trees nested deeper than " + MAX_DEPTH);
        }
        Cursor a = new Cursor(before);
        Cursor b = new Cursor(after);
        boolean hasA = a.parse();
        boolean hasB = b.parse();
        while (hasA || hasB) {
            int cmp = !hasA ? 1 : !hasB ? -1 : compare(a, b);
            if (cmp == 0) {
                if (!sameEntry(a, b)) {
                    entry(a, b, prefix, depth, out);
                }
                a.next();
                b.next();
                hasA = a.parse();
                hasB = b.parse();
            } else if (cmp < 0) {
                entry(a, null, prefix, depth, out);
                a.next();
                hasA = a.parse();
            } else {
                entry(null, b, prefix, depth, out);
                b.next();
                hasB = b.parse();
            }
        }
    }

    /** A differing entry: entered when a tree, reported otherwise. */
    private void entry(Cursor a, Cursor b, int prefix, int depth, Leaf out) throws IOException {
        if (++entries > MAX_ENTRIES) {
            throw new CorruptObjectException("trees with more than " + MAX_ENTRIES + " differing entries");
        }
        Cursor named = a != null ? a : b;
        int end = append(named, prefix);
        if (named.isTree()) {
            path[end] = '/';
            walk(a == null ? null : tree(a.id()), b == null ? null : tree(b.id()), end + 1, depth + 1, out);
            return;
        }
        out.leaf(RawParseUtils.decode(path, 0, end), a == null ? 0 : a.mode, a == null ? null : a.id(),
                b == null ? 0 : b.mode, b == null ? null : b.id());
    }

    /** Appends the entry's name to the path at {@code prefix}; returns the new end. */
    private int append(Cursor c, int prefix) {
        int len = c.nameEnd - c.nameStart;
        if (prefix + len + 1 > path.length) {
            path = java.util.Arrays.copyOf(path, Math.max(path.length * 2, prefix + len + 1));
        }
        System.arraycopy(c.raw, c.nameStart, path, prefix, len);
        return prefix + len;
    }
}
