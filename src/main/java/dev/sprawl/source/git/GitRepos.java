package dev.sprawl.source.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

/**
 * Recognises and opens git repositories without consulting the environment ({@code GIT_DIR} and
 * friends), user or system configuration: a working tree with a {@code .git} folder, a working tree
 * whose {@code .git} is a file pointing elsewhere (linked worktree, submodule checkout), or a bare
 * repository.
 */
public final class GitRepos {

    private GitRepos() {
    }

    /** Installs sprawl's configuration-free JGit settings ({@code SafeGit}); call before using JGit directly. */
    public static void initJGit() {
        SafeGit.init();
    }

    /** The commit HEAD of the repository at {@code target} names, as 40 hex digits, or null (none, unborn, unreadable). */
    public static String headCommit(Path target) {
        if (!isRepository(target)) {
            return null;
        }
        try {
            ObjectId id = resolveCommit(glance(target), Constants.HEAD);
            return id == null ? null : id.name();
        } catch (IOException | RuntimeException e) {
            forget();
            return null;
        }
    }

    /** The kind of repository at a scan target. */
    enum Kind { NONE, WORKING_TREE, BARE }

    static Kind kindOf(Path target) {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return Kind.NONE;
        }
        Path dotGit = target.resolve(Constants.DOT_GIT);
        if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            return Kind.WORKING_TREE;
        }
        if (!Files.isRegularFile(target.resolve(Constants.HEAD), LinkOption.NOFOLLOW_LINKS)) {
            return Kind.NONE; // a plain folder: JGit (~25 ms to initialise) is not needed to tell
        }
        SafeGit.init();
        return RepositoryCache.FileKey.isGitRepository(target.toFile(), FS.DETECTED) ? Kind.BARE : Kind.NONE;
    }

    /** True when the target is a git repository (working tree or bare). */
    public static boolean isRepository(Path target) {
        return kindOf(target) != Kind.NONE;
    }

    /** The repository {@link #glance} opened last on this thread. */
    private record Glance(Path target, Repository repo) {
    }

    private static final ThreadLocal<Glance> LAST = new ThreadLocal<>();

    /**
     * The repository at {@code target} for a short read of its metadata (HEAD, its refs, a file of
     * HEAD's tree): the one this thread opened for the previous such read when it is the same
     * repository, else a new one (and the previous one is closed). A scan reads several of these from
     * each repository in turn; JGit notices refs and packs that changed on disk since. Not closed by
     * the caller.
     */
    private static Repository glance(Path target) throws IOException {
        Path key = target.toAbsolutePath().normalize();
        Glance last = LAST.get();
        if (last != null && last.target().equals(key)) {
            return last.repo();
        }
        forget();
        Repository repo = open(target);
        LAST.set(new Glance(key, repo));
        return repo;
    }

    /** Closes this thread's {@link #glance} repository (after a failed read, so the next one opens afresh). */
    private static void forget() {
        Glance last = LAST.get();
        if (last != null) {
            LAST.remove();
            last.repo().close();
        }
    }

    /** Opens the repository at a target recognised by {@link #kindOf}. */
    static Repository open(Path target) throws IOException {
        SafeGit.init();
        FileRepositoryBuilder b = new FileRepositoryBuilder().setMustExist(true).setFS(SafeGit.fs());
        if (kindOf(target) == Kind.BARE) {
            b.setGitDir(target.toFile()).setBare();
        } else {
            b.setWorkTree(target.toFile());
        }
        return b.build();
    }

    /**
     * Checks that the git options can be applied to a target: the target is a repository and every
     * revision it names resolves. Returns the problem, or null.
     */
    public static String checkOptions(Path target, GitOptions options) {
        if (!options.needsRepository()) {
            return null;
        }
        if (!isRepository(target)) {
            return target + " is not a git repository (--since, --staged and --ref need one)";
        }
        try (Repository repo = open(target)) {
            if (options.since() != null && resolveCommit(repo, options.since()) == null) {
                return "--since " + options.since() + ": no such commit in " + target
                        + " (in a shallow CI clone, fetch the full history)";
            }
            for (String r : options.refs()) {
                if (findRef(repo, r) == null && resolveCommit(repo, r) == null) {
                    return "--ref " + r + ": no such ref in " + target;
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot open git repository " + target + ": " + e.getClass().getSimpleName();
        }
    }

    /** A ref by full or short name ({@code main}, {@code v1.0}, {@code origin/main}), or null. */
    static Ref findRef(Repository repo, String name) throws IOException {
        return repo.getRefDatabase().findRef(name);
    }

    /** The commit a revision expression names, or null. */
    static ObjectId resolveCommit(Repository repo, String rev) {
        try {
            return repo.resolve(rev + "^{commit}");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The bytes of a file in HEAD's tree (e.g. CODEOWNERS of a bare repository), if the target is a git
     * repository, HEAD resolves and the file is a blob no larger than {@code maxBytes}.
     */
    public static Optional<byte[]> headFile(Path target, String path, long maxBytes) {
        return Optional.ofNullable(headFiles(target, List.of(path), maxBytes).get(path));
    }

    /**
     * Several files of HEAD's tree at once ({@link #headFile} for each of {@code paths}, with one
     * resolution of HEAD): path → bytes for those present; empty when the target is not a repository.
     */
    public static Map<String, byte[]> headFiles(Path target, List<String> paths, long maxBytes) {
        if (!isRepository(target)) {
            return Map.of();
        }
        Map<String, byte[]> found = new HashMap<>();
        try (ObjectReader reader = glance(target).newObjectReader()) {
            ObjectId head = resolveCommit(glance(target), Constants.HEAD);
            if (head == null) {
                return Map.of();
            }
            ObjectId tree;
            try (RevWalk rw = new RevWalk(reader)) {
                tree = rw.parseCommit(head).getTree();
            }
            for (String path : paths) {
                try (TreeWalk tw = TreeWalk.forPath(reader, path, tree)) {
                    if (tw == null || (tw.getRawMode(0) & org.eclipse.jgit.lib.FileMode.TYPE_MASK)
                            != org.eclipse.jgit.lib.FileMode.TYPE_FILE) {
                        continue;
                    }
                    ObjectLoader loader = reader.open(tw.getObjectId(0), Constants.OBJ_BLOB);
                    if (loader.getSize() <= maxBytes) {
                        found.put(path, loader.getCachedBytes());
                    }
                }
            }
            return found;
        } catch (IOException | RuntimeException e) {
            forget();
            return Map.of();
        }
    }

    /** True when the bytes are a Git LFS pointer file (the history scan warns {@code lfs-pointer} for these). */
    public static boolean isLfsPointer(byte[] data, int length) {
        return BlobScan.isLfsPointer(data, length);
    }

    /**
     * What a bare repository's history is: every ref and the object it names, and what HEAD points at,
     * as one string; null when the target is not a bare repository or cannot be read. Equal strings mean
     * the same history (objects are named by their content), so a scan of it yields the same results.
     */
    public static String stateOf(Path target) {
        if (kindOf(target) != Kind.BARE) {
            return null;
        }
        try {
            Repository repo = glance(target);
            StringBuilder b = new StringBuilder();
            org.eclipse.jgit.lib.Ref head = repo.exactRef(org.eclipse.jgit.lib.Constants.HEAD);
            b.append("HEAD ").append(head == null ? "-" : head.getTarget().getName()).append(' ')
                    .append(head == null || head.getObjectId() == null ? "-" : head.getObjectId().name()).append('\n');
            java.util.List<org.eclipse.jgit.lib.Ref> refs = new java.util.ArrayList<>(repo.getRefDatabase().getRefs());
            refs.sort(java.util.Comparator.comparing(org.eclipse.jgit.lib.Ref::getName));
            for (org.eclipse.jgit.lib.Ref r : refs) {
                b.append(r.getName()).append(' ').append(r.getObjectId() == null ? "-" : r.getObjectId().name())
                        .append('\n');
            }
            b.append("shallow ").append(repo.getObjectDatabase().getShallowCommits().size());
            return b.toString();
        } catch (IOException | RuntimeException e) {
            forget();
            return null;
        }
    }
}
