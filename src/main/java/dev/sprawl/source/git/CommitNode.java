package dev.sprawl.source.git;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;

/** One commit of the walked history with what provenance needs from it. Mutable while the graph is built. */
final class CommitNode extends ObjectIdOwnerMap.Entry {

    static final CommitNode[] NO_PARENTS = {};
    /** {@link #ref} of a commit no ref has claimed yet. */
    static final int NO_REF = Integer.MAX_VALUE;

    CommitNode[] parents = NO_PARENTS;
    ObjectId tree;
    /** {@code Name <email>}, or null when the author line is malformed. */
    String author;
    /** Author date in epoch seconds; {@link Long#MIN_VALUE} when unknown. */
    long authorTime = Long.MIN_VALUE;
    long commitTime;
    /** Index of the preferred ref that contains this commit. */
    int ref = NO_REF;
    /** Reachable from HEAD. */
    boolean headLine;
    /** Read and parsed. */
    boolean parsed;
    /** Taken by a walking thread (guarded by its graph). */
    boolean claimed;
    /** Could not be read: treated as absent. */
    boolean unreadable;
    /** Reachable from the {@code --since} revision: its tree is compared against, its content is not new. */
    boolean boundary;
    /**
     * Not a commit: a tree or blob a tag points at directly. Its content has no commit, author or date;
     * {@link #tree} is the tagged tree (null for a tagged blob).
     */
    boolean tagged;
    /** Position in topological order (parents first), -1 when not ordered. */
    int order = -1;

    CommitNode(AnyObjectId id) {
        super(id);
    }

    /** Whether this commit is walked for introductions (read, and not behind {@code --since}). */
    boolean walked() {
        return parsed && !unreadable && !boundary;
    }

    /** The first parent that could be read, or null for a root (or a commit whose first parent is lost). */
    CommitNode firstParent() {
        if (parents.length == 0 || !parents[0].parsed || parents[0].unreadable) {
            return null;
        }
        return parents[0];
    }
}
