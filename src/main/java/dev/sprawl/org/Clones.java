package dev.sprawl.org;

import dev.sprawl.source.ScanWarning;
import dev.sprawl.timing.Timings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Brings every remote target onto disk under one root folder, a few at a time, before the scan.
 * A repository that cannot be cloned is a {@code repo-unavailable} warning (the scan is incomplete)
 * and the others go on; an empty one is a {@code repo-empty} warning and is scanned (there is nothing
 * in it).
 */
public final class Clones {

    /** Clones or fetches transferring objects at once (each makes the server build a pack). */
    public static final int PARALLEL = 4;
    /**
     * Repositories handled at once: an existing clone's ref check is one round trip that waits on the
     * network, not on a processor, so many run while at most {@link #PARALLEL} transfer objects.
     */
    public static final int CHECKS = 16;

    /**
     * The materialized repositories, in the order of the targets given.
     *
     * @param paths       the bare repository of each available remote
     * @param repos       the label of each (same index as {@code paths})
     * @param unavailable the labels of those that could not be cloned or fetched
     * @param warnings    {@code repo-unavailable} and {@code repo-empty}
     */
    public record Prepared(List<Path> paths, List<String> repos, List<String> unavailable, List<ScanWarning> warnings) {
    }

    private Clones() {
    }

    /** Clones (or, where a clone is already there, fetches) each target into {@code root/}{@link RepoFetcher#directoryName}. */
    public static Prepared materializeAll(List<RemoteTarget> targets, RepoFetcher fetcher, Path root)
            throws InterruptedException {
        Semaphore transfers = new Semaphore(PARALLEL);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(CHECKS, targets.size())), r -> {
            Thread t = new Thread(r, "sprawl-clone");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Path>> futures = new ArrayList<>();
            Timings.Phase phase = Timings.carry();
            for (RemoteTarget t : targets) {
                futures.add(pool.submit(() -> {
                    try (Timings.Scope timed = Timings.enter(phase)) {
                        return fetcher.materialize(t, root.resolve(RepoFetcher.directoryName(t)), transfers);
                    }
                }));
            }
            List<Path> paths = new ArrayList<>();
            List<String> repos = new ArrayList<>();
            List<String> unavailable = new ArrayList<>();
            List<ScanWarning> warnings = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                String repo = targets.get(i).repo();
                try {
                    Path p = futures.get(i).get();
                    if (RepoFetcher.isEmpty(p)) {
                        warnings.add(new ScanWarning("repo-empty", "the repository is empty (no refs): nothing to scan",
                                repo, false));
                    }
                    paths.add(p);
                    repos.add(repo);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof InterruptedException ie) {
                        throw ie;
                    }
                    String why = e.getCause() instanceof RepoUnavailable u ? u.getMessage()
                            : e.getCause().getClass().getSimpleName();
                    warnings.add(new ScanWarning("repo-unavailable", "could not clone or fetch the repository, "
                            + "it is not scanned: " + why, repo, true));
                    unavailable.add(repo);
                }
            }
            return new Prepared(paths, repos, unavailable, warnings);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Deletes a clone root made for one scan (no symbolic link followed). */
    public static void delete(Path root) throws IOException {
        RepoFetcher.deleteTree(root);
    }
}
