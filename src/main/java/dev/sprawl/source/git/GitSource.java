package dev.sprawl.source.git;

import dev.sprawl.source.Blob;
import dev.sprawl.source.BlobSink;
import dev.sprawl.source.PathGlobs;
import dev.sprawl.source.Provenance;
import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.Source;
import dev.sprawl.source.SourceContext;
import dev.sprawl.source.fs.FileSystemSource;
import dev.sprawl.timing.Timings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A git repository: the working tree's changes against HEAD plus every distinct blob of the history of
 * every ref, each read once in pack order and reported at every (path, introducing commit) pair it
 * appears as. See {@link GitOptions} for the CI and hook modes. JGit only: no {@code git} process, no
 * hooks, filters or configured programs.
 */
public final class GitSource implements Source {

    private final GitOptions options;

    public GitSource(GitOptions options) {
        this.options = options;
    }

    @Override
    public void scan(SourceContext ctx) throws IOException, InterruptedException {
        Path target = ctx.target();
        GitRepos.Kind kind = GitRepos.kindOf(target);
        if (options.noHistory()) {
            if (kind == GitRepos.Kind.WORKING_TREE) {
                new FileSystemSource().scan(ctx);
            } else {
                scanBareConfig(ctx);
            }
            return;
        }
        Problems problems = new Problems(ctx.sink());
        ObjectAccess access;
        try {
            access = new ObjectAccess(target);
        } catch (IOException | RuntimeException e) {
            ctx.sink().warn(new ScanWarning("git-unreadable", "not readable as a git repository ("
                    + e.getClass().getSimpleName() + "): its history is not scanned", null, true));
            if (kind == GitRepos.Kind.WORKING_TREE) {
                new FileSystemSource().scan(ctx);
            }
            return;
        }
        try (access) {
            scan(ctx, kind, access, problems);
        } finally {
            problems.finish();
        }
    }

    private void scan(SourceContext ctx, GitRepos.Kind kind, ObjectAccess access, Problems problems)
            throws IOException, InterruptedException {
        Repository repo = access.repository();
        PathTable paths = new PathTable(new PathGlobs(ctx.excludes()));
        ObjectId head = GitRepos.resolveCommit(repo, Constants.HEAD);
        HeadTree headBlobs = readHead(access, head, problems);
        if (options.staged()) {
            StagedScan.run(ctx.target(), ctx, repo, headBlobs, paths, problems);
            return;
        }
        Timings.Scope graphPhase = Timings.enter(Timings.Phase.COMMIT_GRAPH);
        Set<ObjectId> shallow = shallowCommits(repo, problems);
        List<Pack> packList = PackOrder.packs(repo);
        SafeGit.sizeCacheFor(PackOrder.packBytes(packList)); // before the walk: commits and trees are read through it
        partialClone(repo, packList, problems);
        Starts starts = starts(repo, head, problems);
        CommitGraph excluded = null;
        if (options.since() != null) {
            ObjectId rev = GitRepos.resolveCommit(repo, options.since());
            excluded = CommitGraph.walk(access, List.of(rev), List.of(0), shallow, null, problems, NO_COUNT,
                    ctx.workers());
        }
        CommitGraph graph = CommitGraph.walk(access, starts.commits, starts.commitRefs, shallow, excluded, problems,
                ctx.sink(), ctx.workers());
        graph.markHeadLine(head);
        graphPhase.close();
        HistoryIndex index = new HistoryIndex(paths);
        try (Timings.Scope timed = Timings.enter(Timings.Phase.HISTORY_INDEX)) {
            index.build(ctx, repo, graph.order(), starts.taggedTrees, problems);
            for (CommitNode t : starts.taggedBlobs) {
                index.addTaggedBlob(t, starts.refNames.get(t.ref), t);
            }
        }
        for (Map.Entry<String, String> g : index.gitlinks().entrySet()) {
            problems.warn("git-submodule", "submodule (gitlink, seen in commit " + g.getValue() + "): its content and "
                    + "history belong to another repository and are not scanned; scan that repository as its own target",
                    g.getKey(), false, "submodules were met");
        }
        List<BlobNode> blobs;
        try (Timings.Scope timed = Timings.enter(Timings.Phase.HISTORY_INDEX)) {
            blobs = excluded == null ? index.blobs() : newSince(access, excluded, index.blobs(), problems);
        }
        BlobScan scan;
        try (Timings.Scope timed = Timings.enter(Timings.Phase.READ)) {
            scan = scanBlobs(ctx, repo, index, blobs, new Locations(index, starts.refNames, headBlobs), problems);
        }

        if (kind == GitRepos.Kind.WORKING_TREE && options.since() == null) {
            boolean headWalked = graph.get(head) != null && graph.get(head).walked();
            BlobSink sink = new WorkingTreeSink(ctx.sink(), headWalked ? headBlobs : HeadTree.EMPTY,
                    id -> index.get(id) != null && !scan.unread().contains(id));
            new FileSystemSource().scan(new SourceContext(ctx.target(), ctx.workers(), sink, ctx.excludes(),
                    ctx.maxBlobSize()));
        } else if (kind == GitRepos.Kind.BARE) {
            scanBareConfig(ctx);
        }
    }

    /**
     * Reads the blobs family by family (a base, then the blobs stored as deltas of it) and hands them to
     * the sink, incrementally where git stored deltas.
     */
    private static BlobScan scanBlobs(SourceContext ctx, Repository repo, HistoryIndex index, List<BlobNode> blobs,
                                      Locations locations, Problems problems) throws InterruptedException {
        List<Pack> packs = PackOrder.packs(repo);
        SafeGit.sizeCacheFor(PackOrder.packBytes(packs));
        List<BlobNode> order = PackOrder.sort(packs, index, blobs, problems);
        BlobScan scan = new BlobScan(ctx.target(), repo, ctx, problems, locations::of, locations::firstPath);
        try (PackDeltas deltas = new PackDeltas(packs, order, index)) {
            deltas.link(order);
            DeltaFamilies.Order families = DeltaFamilies.of(order);
            scan.run(families.blobs(), families.ends(), deltas);
        }
        return scan;
    }

    /**
     * Where the walk starts: commits with the index of the ref naming each (refs in preference order),
     * and the trees and blobs tags point at directly (not with {@code --since}).
     */
    private static final class Starts {
        final List<String> refNames = new ArrayList<>();
        final List<ObjectId> commits = new ArrayList<>();
        final List<Integer> commitRefs = new ArrayList<>();
        final List<CommitNode> taggedTrees = new ArrayList<>();
        final List<CommitNode> taggedBlobs = new ArrayList<>();
    }

    private Starts starts(Repository repo, ObjectId head, Problems problems) throws IOException {
        List<Tips.Tip> tips = !options.refs().isEmpty() ? Tips.named(repo, options.refs(), problems)
                : options.since() != null ? Tips.head(repo, head) : Tips.all(repo, problems);
        Starts s = new Starts();
        for (Tips.Tip t : tips) {
            s.refNames.add(t.name());
            int ref = s.refNames.size() - 1;
            if (t.type() == Constants.OBJ_COMMIT) {
                s.commits.add(t.id());
                s.commitRefs.add(ref);
            } else if (options.since() == null) {
                CommitNode n = new CommitNode(t.id());
                n.tagged = true;
                n.ref = ref;
                if (t.type() == Constants.OBJ_TREE) {
                    n.tree = t.id();
                    s.taggedTrees.add(n);
                } else {
                    s.taggedBlobs.add(n);
                }
            }
        }
        return s;
    }

    /** Blobs the {@code --since} side does not already have anywhere in its history. */
    private static List<BlobNode> newSince(ObjectAccess access, CommitGraph since, List<BlobNode> blobs,
                                           Problems problems) {
        if (blobs.isEmpty()) {
            return blobs;
        }
        ObjectIdOwnerMap<ReachableBlobs.Flag> candidates = new ObjectIdOwnerMap<>();
        for (BlobNode b : blobs) {
            candidates.add(new ReachableBlobs.Flag(b));
        }
        ReachableBlobs.mark(access, since.order(), candidates, blobs.size(), problems);
        List<BlobNode> out = new ArrayList<>();
        for (BlobNode b : blobs) {
            if (!candidates.get(b).flagged) {
                out.add(b);
            }
        }
        return out;
    }

    private static HeadTree readHead(ObjectAccess access, ObjectId head, Problems problems) {
        if (head == null) {
            return HeadTree.EMPTY;
        }
        try (RevWalk rw = new RevWalk(access.reader())) {
            return HeadTree.read(access.reader(), rw.parseCommit(head).getTree());
        } catch (IOException | RuntimeException e) {
            problems.warn("git-object-unreadable", "HEAD " + head.name() + " could not be read ("
                    + e.getClass().getSimpleName() + "): inHead is false everywhere", null, true,
                    "objects could not be read");
            return HeadTree.EMPTY;
        }
    }

    private Set<ObjectId> shallowCommits(Repository repo, Problems problems) {
        Set<ObjectId> shallow;
        try {
            shallow = repo.getObjectDatabase().getShallowCommits();
        } catch (IOException | RuntimeException e) {
            problems.warn("shallow-clone", "the shallow file could not be read (" + e.getClass().getSimpleName()
                    + "): history may be cut off", null, !options.allowShallow(), "shallow clone warnings");
            return Set.of();
        }
        if (!shallow.isEmpty()) {
            problems.warn("shallow-clone", "shallow clone: history ends at " + shallow.size() + " commit(s) whose "
                    + "parents were not fetched, so older history is not scanned; fetch it (git fetch --unshallow)"
                    + (options.allowShallow() ? " — accepted with --allow-shallow" : " or pass --allow-shallow"),
                    null, !options.allowShallow(), "shallow clone warnings");
        }
        return shallow;
    }

    /**
     * A partial clone (a clone filter left objects on the server, marked by {@code extensions.partialclone}
     * or {@code .promisor} packs): say why objects may be missing. The marker alone does not make the
     * scan incomplete (a local clone of a full repository keeps its {@code .promisor} files); each
     * object that is really missing does.
     */
    private static void partialClone(Repository repo, List<Pack> packs, Problems problems) {
        boolean promisor = repo.getConfig().getString("extensions", null, "partialclone") != null;
        for (Pack p : packs) {
            promisor |= new java.io.File(p.getPackFile().getPath().replaceAll("\\.pack$", ".promisor")).isFile();
        }
        if (promisor) {
            problems.warn("partial-clone", "partial clone: objects its clone filter left on the remote may be "
                    + "missing; sprawl never fetches them, and each one missing is named in its own warning and makes "
                    + "the scan incomplete (scan a full clone to cover them)", null, false, "partial clone warnings");
        }
    }

    /** A bare repository's {@code config} (remote URLs can carry credentials). */
    private static void scanBareConfig(SourceContext ctx) {
        Path config = ctx.target().resolve(Constants.CONFIG);
        try {
            if (Files.isRegularFile(config, LinkOption.NOFOLLOW_LINKS) && Files.size(config) <= ctx.maxBlobSize()) {
                byte[] data = Files.readAllBytes(config);
                ctx.sink().accept(new Blob(data, data.length, List.of(Provenance.file(Constants.CONFIG))));
            }
        } catch (IOException e) {
            ctx.sink().warn(new ScanWarning("unreadable", "cannot read: " + e.getClass().getSimpleName(),
                    Constants.CONFIG, true));
        }
    }

    /** Counts nothing: the {@code --since} side is walked but not scanned. */
    private static final BlobSink NO_COUNT = new BlobSink() {
        @Override
        public void accept(Blob blob) {
        }

        @Override
        public void warn(ScanWarning warning) {
        }
    };
}
