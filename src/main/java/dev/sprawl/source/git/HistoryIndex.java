package dev.sprawl.source.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.MutableObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Every distinct blob of the walked history with its (path, introducing commit) pairs. Each commit, in
 * topological order, is compared with its first parent (a root with nothing): a (path, blob) pair met
 * for the first time is introduced by that commit. Every pair present in any walked tree is met this
 * way, because following first parents back from any commit that has it reaches one that added it.
 * A pair that differs from the first parent of a commit on HEAD's line was removed there.
 */
final class HistoryIndex {

    private final ObjectIdOwnerMap<BlobNode> blobs = new ObjectIdOwnerMap<>();
    private final List<BlobNode> list = new ArrayList<>();
    /** Submodule path -> a commit the gitlink was seen in. */
    private final Map<String, String> gitlinks = new TreeMap<>();
    private final PathTable paths;
    private final MutableObjectId scratch = new MutableObjectId();

    HistoryIndex(PathTable paths) {
        this.paths = paths;
    }

    /** Indexes the walked commits, then the trees that tags point at directly. */
    void build(ObjectAccess access, List<CommitNode> commits, List<CommitNode> taggedTrees, Problems problems) {
        TreeWalk tw = newWalk(access);
        for (CommitNode c : commits) {
            tw = diff(access, tw, c, problems);
        }
        for (CommitNode t : taggedTrees) {
            tw = diff(access, tw, t, problems);
        }
        tw.close();
    }

    /** Records a blob a tag points at, under the tag's name. */
    void addTaggedBlob(ObjectId blob, String name, CommitNode tag) {
        int path = paths.intern(name);
        if (path != PathTable.EXCLUDED) {
            blob(blob).introduce(path, tag);
        }
    }

    private static TreeWalk newWalk(ObjectAccess access) {
        TreeWalk tw = new TreeWalk(access.reader());
        tw.setRecursive(true);
        return tw;
    }

    /** Compares one commit with its first parent; retries once on a fresh repository instance. */
    private TreeWalk diff(ObjectAccess access, TreeWalk tw, CommitNode c, Problems problems) {
        Exception failure;
        try {
            walk(tw, c);
            return tw;
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        if (access.recover()) {
            tw.close();
            tw = newWalk(access);
            try {
                walk(tw, c);
                return tw;
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        String what = failure instanceof MissingObjectException m ? "tree " + m.getObjectId().name() + " is missing"
                : "a tree could not be read (" + failure.getClass().getSimpleName() + ")";
        problems.warn("git-object-unreadable", (c.tagged ? "tagged tree " : "commit ") + c.name() + ": " + what
                + "; the files below it are not scanned", null, true, "objects could not be read");
        return tw;
    }

    private void walk(TreeWalk tw, CommitNode c) throws IOException {
        CommitNode parent = c.tagged ? null : c.firstParent();
        if (parent == null) {
            tw.reset(c.tree);
            tw.setFilter(TreeFilter.ALL);
        } else {
            tw.reset(parent.tree, c.tree);
            tw.setFilter(TreeFilter.ANY_DIFF);
        }
        int last = tw.getTreeCount() - 1;
        while (tw.next()) {
            int type = tw.getRawMode(last) & FileMode.TYPE_MASK;
            boolean removal = last == 1 && c.headLine && isBlob(tw.getRawMode(0)) && !tw.idEqual(0, 1);
            if (!isBlob(type) && type != FileMode.TYPE_GITLINK && !removal) {
                continue;
            }
            String pathString = tw.getPathString();
            int path = paths.intern(pathString);
            if (path == PathTable.EXCLUDED) {
                continue;
            }
            if (isBlob(type)) {
                tw.getObjectId(scratch, last);
                blob(scratch).introduce(path, c);
            } else if (type == FileMode.TYPE_GITLINK) {
                gitlinks.putIfAbsent(pathString, c.name());
            }
            if (removal) {
                tw.getObjectId(scratch, 0);
                BlobNode old = blobs.get(scratch);
                if (old != null) {
                    old.removed(path, c);
                }
            }
        }
    }

    private static boolean isBlob(int mode) {
        int type = mode & FileMode.TYPE_MASK;
        return type == FileMode.TYPE_FILE || type == FileMode.TYPE_SYMLINK;
    }

    private BlobNode blob(org.eclipse.jgit.lib.AnyObjectId id) {
        BlobNode b = blobs.get(id);
        if (b == null) {
            b = new BlobNode(id.copy());
            blobs.add(b);
            list.add(b);
        }
        return b;
    }

    /** Distinct blobs in the order they were first met. */
    List<BlobNode> blobs() {
        return list;
    }

    BlobNode get(org.eclipse.jgit.lib.AnyObjectId id) {
        return blobs.get(id);
    }

    /** Submodule paths met in the history, each with a commit that has the gitlink. */
    Map<String, String> gitlinks() {
        return gitlinks;
    }

    String path(int i) {
        return paths.get(i);
    }
}
