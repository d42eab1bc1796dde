package dev.sprawl.source.git;

import dev.sprawl.source.BlobSink;
import dev.sprawl.source.TaskGroup;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * The commits reachable from the tips, read one by one (so one unreadable commit costs only itself and
 * what only it leads to), ordered topologically with parents first and, among commits whose order is
 * free, the older commit first.
 */
final class CommitGraph {

    private static final byte[] TREE = Constants.encodeASCII("tree ");
    private static final byte[] PARENT = Constants.encodeASCII("parent ");

    private final ObjectIdOwnerMap<CommitNode> nodes = new ObjectIdOwnerMap<>();
    private final List<CommitNode> order = new ArrayList<>();
    private final Map<String, String> authors = new ConcurrentHashMap<>();

    private CommitGraph() {
    }

    /**
     * Walks the history.
     *
     * @param tips     commits to start from, in ref-preference order ({@code refIndex[i]} names tip i's ref)
     * @param shallow  commits whose parents are cut off by a shallow clone
     * @param excluded the history already known (the {@code --since} side), or null
     * @param sink     counts each walked commit
     * @param pool     workers that help walk where the history branches (null: this thread alone)
     */
    static CommitGraph walk(ObjectAccess access, List<ObjectId> tips, List<Integer> refIndex, Set<ObjectId> shallow,
                            CommitGraph excluded, Problems problems, BlobSink sink, ExecutorService pool)
            throws InterruptedException {
        CommitGraph g = new CommitGraph();
        for (int i = 0; i < tips.size(); i++) {
            CommitNode n = g.node(tips.get(i));
            n.ref = Math.min(n.ref, refIndex.get(i));
            g.todo.push(n);
        }
        Walk walk = new Walk(shallow, excluded, problems, sink);
        int extra = pool instanceof ThreadPoolExecutor tpe ? Math.min(MAX_HELPERS, tpe.getCorePoolSize() - 1) : 0;
        if (extra > 0) {
            // not awaited as a group: a helper the pool starts only after the walk is over does nothing
            TaskGroup helpers = new TaskGroup(pool, e -> problems.warn("internal-error", "unexpected "
                    + e.getClass().getSimpleName() + " while walking commits: the commits it was reading are not scanned",
                    null, true, "objects could not be read"));
            for (int i = 0; i < extra; i++) {
                helpers.submit(() -> g.help(access, walk));
            }
        }
        try {
            g.walkOn(access, walk);
        } finally {
            g.end();
        }
        g.sort();
        g.propagateRefs();
        return g;
    }

    /** Threads that help one walk, at most (the history's branches bound what they can share). */
    static final int MAX_HELPERS = 3;

    /** What every walking thread reads. */
    private record Walk(Set<ObjectId> shallow, CommitGraph excluded, Problems problems, BlobSink sink) {
    }

    /** Commits to walk, shared by the walking threads (guarded by this graph). */
    private final ArrayDeque<CommitNode> todo = new ArrayDeque<>();
    /** Threads reading a commit now (guarded by this graph). */
    private int walking;
    /** Helpers inside the walk (guarded by this graph). */
    private int helping;
    /** The walk is over: helpers that start now return at once (guarded by this graph). */
    private boolean over;

    /** A helper thread's part: with a reader of its own, unless the walk is already over. */
    private void help(ObjectAccess shared, Walk walk) {
        synchronized (this) {
            if (over) {
                return;
            }
            helping++;
        }
        try (ObjectAccess own = new ObjectAccess(shared.target(), shared.repository())) {
            walkOn(own, walk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                helping--;
                notifyAll();
            }
        }
    }

    /** The walking thread is done: waits for the helpers inside the walk, and keeps later ones out. */
    private synchronized void end() throws InterruptedException {
        over = true;
        while (helping > 0) {
            wait();
        }
    }

    /**
     * One thread's part of the walk: it follows first parents itself and leaves the other parents of a
     * merge to whichever thread is free, so a linear history costs no hand-over at all.
     */
    private void walkOn(ObjectAccess access, Walk walk) throws InterruptedException {
        try (PackTrees packs = new PackTrees(PackOrder.packs(access.repository()))) {
            CommitNode n = take();
            while (n != null) {
                List<ObjectId> parents = null;
                boolean read = false;
                try {
                    parents = parse(access, packs, n, walk.problems());
                    read = true;
                } finally {
                    CommitNode next = finish(n, parents, walk);
                    if (!read && next != null) {
                        release(next); // this thread is failing: another one takes it
                    }
                    n = next;
                }
                if (n == null) {
                    n = take();
                }
            }
        }
    }

    /** The next commit nobody has claimed, waiting while others may still add some; null when the walk is over. */
    private synchronized CommitNode take() throws InterruptedException {
        while (true) {
            CommitNode n = todo.poll();
            if (n != null) {
                if (!n.claimed) {
                    n.claimed = true;
                    walking++;
                    return n;
                }
            } else if (walking == 0) {
                return null;
            } else {
                wait();
            }
        }
    }

    /** Gives a claimed commit back to the others. */
    private synchronized void release(CommitNode n) {
        n.claimed = false;
        todo.push(n);
        walking--;
        notifyAll();
    }

    /**
     * Records a commit that was read ({@code parents} null: it could not be); returns the next commit for
     * the same thread (its first parent, claimed) or null, leaving its other parents to any thread.
     */
    private synchronized CommitNode finish(CommitNode n, List<ObjectId> parents, Walk walk) {
        CommitNode next = null;
        boolean shared = false;
        if (parents == null) {
            n.unreadable |= !n.parsed; // parse() has reported why, or the thread is failing (reported by its group)
        } else if (walk.excluded() != null && walk.excluded().get(n) != null) {
            n.boundary = true;
        } else {
            walk.sink().commitWalked();
            if (!walk.shallow().contains(n)) {
                CommitNode[] ps = new CommitNode[parents.size()];
                for (int i = 0; i < ps.length; i++) {
                    ps[i] = node(parents.get(i));
                }
                n.parents = ps;
                for (int i = ps.length - 1; i >= 1; i--) {
                    if (!ps[i].claimed) {
                        todo.push(ps[i]);
                        shared = true;
                    }
                }
                if (ps.length > 0 && !ps[0].claimed) {
                    next = ps[0];
                    next.claimed = true;
                }
            }
        }
        if (next == null) {
            walking--;
        }
        if (shared || walking == 0) {
            notifyAll();
        }
        return next;
    }

    private CommitNode node(AnyObjectId id) {
        CommitNode n = nodes.get(id);
        if (n == null) {
            n = new CommitNode(id);
            nodes.add(n);
        }
        return n;
    }

    /** Reads a commit into its node; returns its parents, or null when it could not be read. */
    private List<ObjectId> parse(ObjectAccess access, PackTrees packs, CommitNode n, Problems problems) {
        byte[] raw;
        try {
            raw = packs.commit(n);
            if (raw == null) {
                raw = read(access, n);
            }
        } catch (IOException | RuntimeException e) {
            n.unreadable = true;
            String reason = e instanceof MissingObjectException ? "missing" : e.getClass().getSimpleName();
            problems.warn("git-object-unreadable", "commit " + n.name() + " could not be read (" + reason
                    + "): it and the history only it leads to are not scanned", null, true, "objects could not be read");
            return null;
        }
        List<ObjectId> parents = new ArrayList<>(2);
        try {
            if (raw.length < 46 || RawParseUtils.match(raw, 0, TREE) != 5) {
                throw new IllegalArgumentException("no tree line");
            }
            n.tree = ObjectId.fromString(raw, 5);
            int p = 46;
            while (p + 48 <= raw.length && RawParseUtils.match(raw, p, PARENT) == p + 7) {
                parents.add(ObjectId.fromString(raw, p + 7));
                p += 48;
            }
            int a = RawParseUtils.author(raw, p);
            PersonIdent author = a < 0 ? null : RawParseUtils.parsePersonIdent(raw, a);
            if (author != null) {
                n.author = authors.computeIfAbsent(author.getName() + " <" + author.getEmailAddress() + ">", k -> k);
                n.authorTime = author.getWhenAsInstant().getEpochSecond();
            }
            int c = RawParseUtils.committer(raw, p);
            PersonIdent committer = c < 0 ? null : RawParseUtils.parsePersonIdent(raw, c);
            n.commitTime = committer != null ? committer.getWhenAsInstant().getEpochSecond()
                    : n.authorTime != Long.MIN_VALUE ? n.authorTime : 0;
        } catch (RuntimeException e) {
            n.unreadable = true;
            problems.warn("git-object-unreadable", "commit " + n.name() + " is malformed (" + e.getClass().getSimpleName()
                    + "): it and the history only it leads to are not scanned", null, true, "objects could not be read");
            return null;
        }
        n.parsed = true;
        return parents;
    }

    private static byte[] read(ObjectAccess access, CommitNode n) throws IOException {
        try {
            return access.reader().open(n, Constants.OBJ_COMMIT).getCachedBytes();
        } catch (IOException e) {
            if (access.recover()) {
                return access.reader().open(n, Constants.OBJ_COMMIT).getCachedBytes();
            }
            throw e;
        }
    }

    /**
     * Kahn's algorithm: parents before children; among ready commits the oldest (commit time, then id) first.
     * The walked commits are numbered (in {@link CommitNode#order}, overwritten by the final position once a
     * commit is placed) and their children and pending parent counts kept in int arrays, not in maps keyed by
     * commit: on git/git's 203k commits the maps took 0.3-0.4 s of the walk.
     */
    private void sort() {
        List<CommitNode> walked = new ArrayList<>();
        for (CommitNode n : nodes) {
            if (n.walked()) {
                n.order = walked.size();
                walked.add(n);
            }
        }
        int count = walked.size();
        int[] pending = new int[count];
        int[] childStart = new int[count + 1];
        for (CommitNode n : walked) {
            for (CommitNode p : n.parents) {
                if (p.walked()) {
                    childStart[p.order + 1]++;
                    pending[n.order]++;
                }
            }
        }
        for (int i = 0; i < count; i++) {
            childStart[i + 1] += childStart[i];
        }
        CommitNode[] children = new CommitNode[childStart[count]];
        int[] filled = Arrays.copyOf(childStart, count);
        PriorityQueue<CommitNode> ready = new PriorityQueue<>((x, y) -> x.commitTime != y.commitTime
                ? Long.compare(x.commitTime, y.commitTime) : x.compareTo(y));
        for (CommitNode n : walked) {
            for (CommitNode p : n.parents) {
                if (p.walked()) {
                    children[filled[p.order]++] = n;
                }
            }
            if (pending[n.order] == 0) {
                ready.add(n);
            }
        }
        while (!ready.isEmpty()) {
            CommitNode n = ready.poll();
            int index = n.order;
            n.order = order.size();
            order.add(n);
            for (int i = childStart[index]; i < childStart[index + 1]; i++) {
                CommitNode c = children[i];
                if (--pending[c.order] == 0) {
                    ready.add(c);
                }
            }
        }
        for (int i = 0; i < count; i++) {
            if (pending[i] > 0) {
                walked.get(i).order = -1; // on a cycle (a corrupt history): never ready, so not ordered
            }
        }
    }

    /** Each commit's preferred ref is the best ref of any commit it is an ancestor of. */
    private void propagateRefs() {
        for (int i = order.size() - 1; i >= 0; i--) {
            CommitNode n = order.get(i);
            for (CommitNode p : n.parents) {
                if (n.ref < p.ref) {
                    p.ref = n.ref;
                }
            }
        }
    }

    /** Marks the commits reachable from {@code head} (no-op when head is not in the graph). */
    void markHeadLine(AnyObjectId head) {
        CommitNode start = head == null ? null : nodes.get(head);
        if (start == null) {
            return;
        }
        ArrayDeque<CommitNode> todo = new ArrayDeque<>();
        todo.push(start);
        while (!todo.isEmpty()) {
            CommitNode n = todo.pop();
            if (n.headLine) {
                continue;
            }
            n.headLine = true;
            for (CommitNode p : n.parents) {
                if (!p.headLine) {
                    todo.push(p);
                }
            }
        }
    }

    /** Walked commits, parents first. */
    List<CommitNode> order() {
        return order;
    }

    CommitNode get(AnyObjectId id) {
        return id == null ? null : nodes.get(id);
    }

    Collection<CommitNode> boundary() {
        List<CommitNode> out = new ArrayList<>();
        for (CommitNode n : nodes) {
            if (n.boundary) {
                out.add(n);
            }
        }
        return out;
    }
}
