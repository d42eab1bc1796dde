package dev.sprawl.source.git;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;

/**
 * One distinct blob of the history and every (path, introducing commit) pair it appears as: the commit
 * that first added this blob at that path in topological order, and, for pairs that left HEAD's line,
 * the last commit on it that removed them.
 */
final class BlobNode extends ObjectIdOwnerMap.Entry {

    /** Pairs searched linearly up to this many; beyond it an index is kept. */
    private static final int LINEAR_PAIRS = 16;

    private int[] paths = new int[1];
    private CommitNode[] introducers = new CommitNode[1];
    private CommitNode[] removers;
    private int count;
    private Map<Integer, Integer> index;

    /** Pack number and offset, for reading in pack order (Integer.MAX_VALUE when not packed). */
    int pack = Integer.MAX_VALUE;
    long offset;
    /** The scanned blob this one is stored as a delta of, or null. */
    BlobNode base;
    /** Blobs stored as deltas of this one that are not delivered yet. */
    private volatile int dependents;
    private static final java.util.concurrent.atomic.AtomicIntegerFieldUpdater<BlobNode> DEPENDENTS =
            java.util.concurrent.atomic.AtomicIntegerFieldUpdater.newUpdater(BlobNode.class, "dependents");

    void addDependent() {
        DEPENDENTS.incrementAndGet(this);
    }

    /** True while blobs derived from this one are still to be delivered. */
    boolean hasDependents() {
        return dependents > 0;
    }

    /** One dependent was delivered; returns true when it was the last. */
    boolean releaseDependent() {
        return DEPENDENTS.decrementAndGet(this) == 0;
    }

    BlobNode(AnyObjectId id) {
        super(id);
    }

    int size() {
        return count;
    }

    int path(int i) {
        return paths[i];
    }

    CommitNode introducer(int i) {
        return introducers[i];
    }

    /** The commit on HEAD's line that last removed pair i, or null. */
    CommitNode remover(int i) {
        return removers == null ? null : removers[i];
    }

    /** Records that {@code commit} has this blob at {@code path}; returns false when the pair was known. */
    boolean introduce(int path, CommitNode commit) {
        if (find(path) >= 0) {
            return false;
        }
        if (count == paths.length) {
            int n = count * 2;
            paths = Arrays.copyOf(paths, n);
            introducers = Arrays.copyOf(introducers, n);
            if (removers != null) {
                removers = Arrays.copyOf(removers, n);
            }
        }
        paths[count] = path;
        introducers[count] = commit;
        if (index != null) {
            index.put(path, count);
        } else if (count + 1 > LINEAR_PAIRS) {
            index = new HashMap<>();
            for (int i = 0; i <= count; i++) {
                index.put(paths[i], i);
            }
        }
        count++;
        return true;
    }

    /** Records that {@code commit} removed this blob from {@code path} (later calls win). */
    void removed(int path, CommitNode commit) {
        int i = find(path);
        if (i < 0) {
            return;
        }
        if (removers == null) {
            removers = new CommitNode[paths.length];
        }
        removers[i] = commit;
    }

    private int find(int path) {
        if (index != null) {
            Integer i = index.get(path);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < count; i++) {
            if (paths[i] == path) {
                return i;
            }
        }
        return -1;
    }
}
