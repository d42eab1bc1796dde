package dev.sprawl.source.git;

import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.SourceContext;
import dev.sprawl.source.TaskGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Compares each commit's tree with its first parent's (a root, or a tree a tag points at, with
 * nothing) on the pipeline's workers, each with its own reader, and hands the results over in the
 * commits' order, so the caller can apply them in topological order while later ones are computed.
 * One runner per worker thread takes chunks of commits in turn, at most {@link #MAX_AHEAD} chunks
 * ahead of the one being applied (the pool is otherwise idle during the walk).
 */
final class TreeDiffs {

    /** Commits compared per task. */
    static final int CHUNK_COMMITS = 64;
    /** Chunks computed ahead of the one being applied, at most. */
    static final int MAX_AHEAD = 64;

    /**
     * What changed at one path: the blob (or gitlink) now there, and the blob that was there before
     * when that one was on HEAD's line and is gone now.
     *
     * @param type    {@link FileMode#TYPE_FILE}, {@code TYPE_SYMLINK}, {@code TYPE_GITLINK}, or 0 (deleted or a tree)
     * @param removed the first parent's blob at this path, when the commit is on HEAD's line and replaced it
     */
    record Change(String path, int type, ObjectId id, ObjectId removed) {
    }

    /** One commit's changes, or the problem that stopped its comparison. */
    record Diff(CommitNode commit, List<Change> changes) {
    }

    private TreeDiffs() {
    }

    /** Computes every commit's diff on the workers and passes them to {@code apply} in order. */
    static void run(SourceContext ctx, Repository repo, List<CommitNode> commits, Problems problems,
                    Consumer<Diff> apply) throws InterruptedException {
        int chunks = (commits.size() + CHUNK_COMMITS - 1) / CHUNK_COMMITS;
        if (chunks == 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        int runners = Math.min(chunks, ctx.workers() instanceof ThreadPoolExecutor tpe ? tpe.getCorePoolSize()
                : Runtime.getRuntime().availableProcessors());
        Results results = new Results(chunks, runners);
        TaskGroup tasks = new TaskGroup(ctx.workers(), e -> ctx.sink().warn(new ScanWarning("internal-error",
                "unexpected " + e.getClass().getSimpleName() + " while comparing git trees", null, true)));
        for (int r = 0; r < runners; r++) {
            tasks.submit(() -> {
                try (ObjectAccess access = new ObjectAccess(ctx.target(), repo);
                     PackTrees packTrees = new PackTrees(PackOrder.packs(repo))) {
                    RawTreeDiff[] tw = {newDiff(access, packTrees)};
                    int c;
                    while ((c = next.getAndIncrement()) < chunks && results.admit(c)) {
                        List<Diff> out = new ArrayList<>(CHUNK_COMMITS);
                        for (int i = c * CHUNK_COMMITS; i < Math.min(commits.size(), (c + 1) * CHUNK_COMMITS); i++) {
                            out.add(diff(access, tw, commits.get(i), problems));
                        }
                        results.put(c, out);
                    }
                } finally {
                    results.runnerDone();
                }
            });
        }
        try {
            for (int c = 0; c < chunks; c++) {
                List<Diff> chunk = results.take(c);
                if (chunk == null) { // the runners failed (reported as internal-error) or were interrupted
                    problems.warn("git-object-unreadable", "comparing trees stopped after " + c * CHUNK_COMMITS
                            + " of " + commits.size() + " commits; later history is not scanned", null, true,
                            "objects could not be read");
                    break;
                }
                chunk.forEach(apply);
            }
        } finally {
            results.abandon();
            tasks.await();
        }
    }

    /** Chunk results handed from the runners to the applying thread. */
    private static final class Results {
        private final List<Diff>[] chunks;
        private int taken;
        private int live;
        private boolean abandoned;

        @SuppressWarnings("unchecked")
        Results(int n, int runners) {
            chunks = new List[n];
            live = runners;
        }

        /** Waits until chunk c is not too far ahead of the one being applied; false when abandoned. */
        synchronized boolean admit(int c) {
            while (!abandoned && c >= taken + MAX_AHEAD) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return !abandoned;
        }

        synchronized void put(int c, List<Diff> diffs) {
            chunks[c] = diffs;
            notifyAll();
        }

        /** A runner is done (normally or not). */
        synchronized void runnerDone() {
            live--;
            notifyAll();
        }

        /** Chunk c, once computed; null when every runner is gone without it. */
        synchronized List<Diff> take(int c) throws InterruptedException {
            while (chunks[c] == null && live > 0) {
                wait();
            }
            List<Diff> d = chunks[c];
            chunks[c] = null;
            taken = c + 1;
            notifyAll();
            return d;
        }

        /** The applying side stops: runners waiting for room give up. */
        synchronized void abandon() {
            abandoned = true;
            notifyAll();
        }
    }

    /** A tree differ for this thread: trees read through a cache of recently read ones. */
    private static RawTreeDiff newDiff(ObjectAccess access, PackTrees packTrees) {
        return new RawTreeDiff(new TreeCache(access.reader(), packTrees));
    }

    /** Compares one commit with its first parent; retries once on a fresh repository instance. */
    private static Diff diff(ObjectAccess access, RawTreeDiff[] tw, CommitNode c, Problems problems) {
        Exception failure;
        try {
            return new Diff(c, walk(tw[0], c));
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        if (access.recover()) {
            tw[0] = newDiff(access, null); // the packs may have changed: every tree through JGit
            try {
                return new Diff(c, walk(tw[0], c));
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        String what = failure instanceof MissingObjectException m ? "tree " + m.getObjectId().name() + " is missing"
                : failure instanceof org.eclipse.jgit.errors.CorruptObjectException
                        && String.valueOf(failure.getMessage()).startsWith("trees ")
                        ? "corrupt trees (" + failure.getMessage() + ")"
                : "a tree could not be read (" + failure.getClass().getSimpleName() + ")";
        problems.warn("git-object-unreadable", (c.tagged ? "tagged tree " : "commit ") + c.name() + ": " + what
                + "; the files below it are not scanned", null, true, "objects could not be read");
        return new Diff(c, List.of());
    }

    /**
     * The commit's changes against its first parent (a root or a tagged tree: every file): what each
     * changed path holds now, and, on HEAD's line, the blob it held before when that one is gone.
     */
    static List<Change> walk(RawTreeDiff differ, CommitNode c) throws IOException {
        CommitNode parent = c.tagged ? null : c.firstParent();
        boolean onHeadLine = parent != null && c.headLine;
        List<Change> out = new ArrayList<>();
        differ.diff(parent == null ? null : parent.tree, c.tree, (path, beforeMode, before, afterMode, after) -> {
            int type = afterMode & FileMode.TYPE_MASK;
            boolean keep = isBlob(type) || type == FileMode.TYPE_GITLINK;
            boolean removal = onHeadLine && isBlob(beforeMode & FileMode.TYPE_MASK) && !before.equals(after);
            if (keep || removal) {
                out.add(new Change(path, keep ? type : 0, keep ? after : null, removal ? before : null));
            }
        });
        return out;
    }

    static boolean isBlob(int type) {
        return type == FileMode.TYPE_FILE || type == FileMode.TYPE_SYMLINK;
    }
}
