package dev.sprawl.source.git;

import dev.sprawl.source.SourceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.lib.Repository;

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

    HistoryIndex(PathTable paths) {
        this.paths = paths;
    }

    /** Indexes the walked commits, then the trees that tags point at directly. */
    void build(SourceContext ctx, Repository repo, List<CommitNode> commits, List<CommitNode> taggedTrees,
               Problems problems) throws InterruptedException {
        List<CommitNode> all = new ArrayList<>(commits.size() + taggedTrees.size());
        all.addAll(commits);
        all.addAll(taggedTrees);
        TreeDiffs.run(ctx, repo, all, problems, this::apply);
    }

    /** Records a blob a tag points at, under the tag's name. */
    void addTaggedBlob(ObjectId blob, String name, CommitNode tag) {
        int path = paths.intern(name);
        if (path != PathTable.EXCLUDED) {
            blob(blob).introduce(path, tag);
        }
    }

    /** Applies one commit's changes; commits arrive in topological order. */
    private void apply(TreeDiffs.Diff diff) {
        CommitNode c = diff.commit();
        for (TreeDiffs.Change ch : diff.changes()) {
            int path = paths.intern(ch.path());
            if (path == PathTable.EXCLUDED) {
                continue;
            }
            if (TreeDiffs.isBlob(ch.type())) {
                blob(ch.id()).introduce(path, c);
            } else if (ch.type() == FileMode.TYPE_GITLINK) {
                gitlinks.putIfAbsent(ch.path(), c.name());
            }
            if (ch.removed() != null) {
                BlobNode old = blobs.get(ch.removed());
                if (old != null) {
                    old.removed(path, c);
                }
            }
        }
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
