package dev.sprawl.source.git;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.MutableObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Which of a set of candidate blobs the {@code --since} revision already has anywhere in its history:
 * every tree reachable from its commits is read once, and the walk stops as soon as every candidate
 * has been found.
 */
final class ReachableBlobs {

    private ReachableBlobs() {
    }

    private static final class Seen extends ObjectIdOwnerMap.Entry {
        Seen(org.eclipse.jgit.lib.AnyObjectId id) {
            super(id);
        }
    }

    /**
     * Marks the candidates reachable from {@code commits}' trees; returns the number found.
     *
     * @param known candidate blob id -> true once found (updated in place)
     */
    static int mark(ObjectAccess access, List<CommitNode> commits, ObjectIdOwnerMap<? extends Flag> known,
                    int candidates, Problems problems) {
        ObjectIdOwnerMap<Seen> seenTrees = new ObjectIdOwnerMap<>();
        ArrayDeque<ObjectId> todo = new ArrayDeque<>();
        MutableObjectId id = new MutableObjectId();
        CanonicalTreeParser parser = new CanonicalTreeParser();
        int found = 0;
        for (CommitNode c : commits) {
            if (c.tree != null && !seenTrees.contains(c.tree)) {
                seenTrees.add(new Seen(c.tree));
                todo.push(c.tree);
            }
            while (!todo.isEmpty()) {
                ObjectId tree = todo.pop();
                try {
                    parser.reset(access.reader().open(tree, Constants.OBJ_TREE).getCachedBytes());
                } catch (IOException | RuntimeException e) {
                    String reason = e instanceof MissingObjectException ? "missing" : e.getClass().getSimpleName();
                    problems.warn("git-object-unreadable", "tree " + tree.name() + " on the --since side could not be "
                            + "read (" + reason + "): content it holds may be reported as new", null, false,
                            "objects could not be read");
                    continue;
                }
                for (; !parser.eof(); parser.next()) {
                    int type = parser.getEntryRawMode() & FileMode.TYPE_MASK;
                    parser.getEntryObjectId(id);
                    if (type == FileMode.TYPE_TREE) {
                        if (!seenTrees.contains(id)) {
                            ObjectId sub = id.toObjectId();
                            seenTrees.add(new Seen(sub));
                            todo.push(sub);
                        }
                    } else if (type == FileMode.TYPE_FILE || type == FileMode.TYPE_SYMLINK) {
                        Flag f = known.get(id);
                        if (f != null && !f.flagged) {
                            f.flagged = true;
                            if (++found == candidates) {
                                return found;
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** A candidate with a found flag. */
    static class Flag extends ObjectIdOwnerMap.Entry {
        boolean flagged;

        Flag(org.eclipse.jgit.lib.AnyObjectId id) {
            super(id);
        }
    }
}
