package dev.sprawl.source.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.ReflogEntry;
import org.eclipse.jgit.lib.ReflogReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevBlob;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Where the history walk starts: every ref (branches, tags, remotes, stash and its older entries,
 * notes, anything else under {@code refs/}) and a detached HEAD, peeled to what they point at, in
 * order of preference for naming the ref that contains a commit: HEAD's branch, other branches, tags,
 * remotes, stash, notes, the rest.
 */
final class Tips {

    /** A ref and the commit, tree or blob it points at. */
    record Tip(String name, ObjectId id, int type) {
    }

    private Tips() {
    }

    /** Every ref of the repository. */
    static List<Tip> all(Repository repo, Problems problems) throws IOException {
        List<Ref> refs = new ArrayList<>(repo.getRefDatabase().getRefsByPrefix(Constants.R_REFS));
        Ref head = repo.exactRef(Constants.HEAD);
        String headBranch = head != null && head.isSymbolic() ? head.getTarget().getName() : null;
        refs.sort(Comparator.comparingInt((Ref r) -> rank(r.getName(), headBranch)).thenComparing(Ref::getName));
        List<Tip> tips = new ArrayList<>();
        try (RevWalk rw = new RevWalk(repo)) {
            if (head != null && !head.isSymbolic() && head.getObjectId() != null) {
                peel(rw, Constants.HEAD, head.getObjectId(), tips, problems);
            }
            for (Ref r : refs) {
                if (r.getObjectId() != null) {
                    peel(rw, r.getName(), r.getObjectId(), tips, problems);
                }
                if (r.getName().equals(Constants.R_STASH)) {
                    stashEntries(repo, rw, tips, problems);
                }
            }
        }
        return tips;
    }

    /** HEAD alone, named by its branch (for {@code --since}); empty when HEAD is unborn. */
    static List<Tip> head(Repository repo, ObjectId head) throws IOException {
        if (head == null) {
            return List.of();
        }
        Ref ref = repo.exactRef(Constants.HEAD);
        String name = ref != null && ref.isSymbolic() ? ref.getTarget().getName() : Constants.HEAD;
        return List.of(new Tip(name, head, Constants.OBJ_COMMIT));
    }

    /** The refs named by {@code --ref} (full or short names, or any revision expression). */
    static List<Tip> named(Repository repo, List<String> names, Problems problems) throws IOException {
        List<Tip> tips = new ArrayList<>();
        try (RevWalk rw = new RevWalk(repo)) {
            for (String name : names) {
                Ref r = GitRepos.findRef(repo, name);
                if (r != null && r.getObjectId() != null) {
                    peel(rw, r.getName(), r.getObjectId(), tips, problems);
                } else {
                    ObjectId id = GitRepos.resolveCommit(repo, name);
                    if (id != null) {
                        tips.add(new Tip(name, id, Constants.OBJ_COMMIT));
                    }
                }
            }
        }
        return tips;
    }

    private static int rank(String name, String headBranch) {
        if (name.equals(headBranch)) {
            return 0;
        }
        if (name.startsWith(Constants.R_HEADS)) {
            return 1;
        }
        if (name.startsWith(Constants.R_TAGS)) {
            return 2;
        }
        if (name.startsWith(Constants.R_REMOTES)) {
            return 3;
        }
        if (name.equals(Constants.R_STASH)) {
            return 4;
        }
        if (name.startsWith(Constants.R_NOTES)) {
            return 5;
        }
        return 6;
    }

    private static void stashEntries(Repository repo, RevWalk rw, List<Tip> tips, Problems problems) {
        try {
            ReflogReader log = repo.getRefDatabase().getReflogReader(Constants.R_STASH);
            if (log == null) {
                return;
            }
            List<ReflogEntry> entries = log.getReverseEntries();
            for (int i = 1; i < entries.size(); i++) {
                peel(rw, Constants.R_STASH + "@{" + i + "}", entries.get(i).getNewId(), tips, problems);
            }
        } catch (IOException | RuntimeException e) {
            problems.warn("git-ref-unreadable", "the stash's older entries could not be read ("
                    + e.getClass().getSimpleName() + "): they are not scanned", Constants.R_STASH, true, "refs could not be read");
        }
    }

    private static void peel(RevWalk rw, String name, ObjectId id, List<Tip> tips, Problems problems) {
        try {
            RevObject o = rw.parseAny(id);
            while (o instanceof RevTag t) {
                o = t.getObject();
                rw.parseHeaders(o);
            }
            if (o instanceof RevCommit) {
                tips.add(new Tip(name, o.copy(), Constants.OBJ_COMMIT));
            } else if (o instanceof RevTree || o instanceof RevBlob) {
                tips.add(new Tip(name, o.copy(), o.getType()));
            }
        } catch (MissingObjectException e) {
            problems.warn("git-ref-unreadable", "ref " + name + " points to object " + e.getObjectId().name()
                    + ", which is missing: what it holds is not scanned", name, true, "refs could not be read");
        } catch (IOException | RuntimeException e) {
            problems.warn("git-ref-unreadable", "ref " + name + " could not be read (" + e.getClass().getSimpleName()
                    + "): what it holds is not scanned", name, true, "refs could not be read");
        }
    }
}
