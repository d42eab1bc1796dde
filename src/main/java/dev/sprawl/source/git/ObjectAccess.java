package dev.sprawl.source.git;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.ObjectDatabase;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * One thread's view of a repository: its own {@link ObjectReader} (whose delta-base cache serves that
 * thread alone) on a repository instance shared by all threads, so pack indexes and mapped windows
 * are held once.
 *
 * <p>JGit drops a whole pack from a repository instance when it meets one corrupt object in it, after
 * which every other object of that pack reads as missing. {@link #recover} notices that the pack list
 * shrank and moves this thread to a fresh private instance, so one bad object costs only itself.
 */
final class ObjectAccess implements AutoCloseable {

    /** Fresh instances opened per thread at most; past that, lost packs stay lost (and are reported). */
    static final int MAX_REOPENS = 64;

    private final Path target;
    private Repository repo;
    private boolean owned;
    private ObjectReader reader;
    private int packs;
    private int reopens;

    /** Opens a repository instance of its own. */
    ObjectAccess(Path target) throws IOException {
        this.target = target;
        use(GitRepos.open(target), true);
    }

    /** Reads through a shared repository instance (which the caller closes). */
    ObjectAccess(Path target, Repository shared) {
        this.target = target;
        use(shared, false);
    }

    private void use(Repository r, boolean own) {
        repo = r;
        owned = own;
        reader = r.newObjectReader();
        packs = packCount(r);
    }

    Path target() {
        return target;
    }

    ObjectReader reader() {
        return reader;
    }

    Repository repository() {
        return repo;
    }

    /**
     * Called after a read failed: when JGit has dropped a pack since this instance was opened, moves to
     * a fresh instance and returns true (the read is worth retrying); otherwise false.
     */
    boolean recover() {
        if (packCount(repo) >= packs || reopens >= MAX_REOPENS) {
            return false;
        }
        Repository fresh;
        try {
            fresh = GitRepos.open(target);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        reopens++;
        close();
        use(fresh, true);
        return true;
    }

    static int packCount(Repository repo) {
        ObjectDatabase db = repo.getObjectDatabase();
        return db instanceof ObjectDirectory od ? od.getPacks().size() : 0;
    }

    @Override
    public void close() {
        reader.close();
        if (owned) {
            repo.close();
        }
    }
}
