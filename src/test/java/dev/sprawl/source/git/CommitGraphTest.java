package dev.sprawl.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.source.Blob;
import dev.sprawl.source.BlobSink;
import dev.sprawl.source.ScanWarning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit walk gives the same graph whether one thread walks or several share the branches. */
class CommitGraphTest {

    @TempDir
    Path dir;

    /** Branches forked from random commits, edited, merged back at random: many parallel lines. */
    private static void branchyHistory(TestRepo repo, long seed, int commits) throws Exception {
        Random rnd = new Random(seed);
        repo.write("root.txt", "root\n");
        repo.commit("root", "Dev 0", TestRepo.T0);
        List<String> branches = new ArrayList<>(List.of(repo.repo().getBranch()));
        int t = 1;
        for (int c = 0; c < commits; c++) {
            String b = branches.get(rnd.nextInt(branches.size()));
            repo.checkout(b);
            if (rnd.nextInt(6) == 0) {
                String name = "b" + c;
                repo.branch(name).checkout(name);
                branches.add(name);
                b = name;
            }
            if (rnd.nextInt(5) == 0 && branches.size() > 1) {
                String other = branches.get(rnd.nextInt(branches.size()));
                if (!other.equals(b)) {
                    repo.merge(other, "Merge Bot", TestRepo.T0.plus(Duration.ofMinutes(t++)));
                    continue;
                }
            }
            repo.write(b + "/f" + rnd.nextInt(3) + ".txt", "v" + c + " " + rnd.nextLong() + "\n"); // merges never conflict
            repo.commit("c" + c, "Dev " + rnd.nextInt(3), TestRepo.T0.plus(Duration.ofMinutes(t++)));
        }
    }

    private static final class CountingSink implements BlobSink {
        final AtomicInteger walked = new AtomicInteger();
        final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accept(Blob blob) {
        }

        @Override
        public void warn(ScanWarning warning) {
            warnings.add(warning.code() + " " + warning.message());
        }

        @Override
        public void commitWalked() {
            walked.incrementAndGet();
        }
    }

    private record Walked(List<String> order, int walked, List<String> warnings) {
    }

    private static Walked walk(TestRepo repo, ExecutorService pool) throws Exception {
        List<ObjectId> tips = new ArrayList<>();
        List<Integer> refs = new ArrayList<>();
        for (Ref r : repo.repo().getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
            tips.add(r.getObjectId());
            refs.add(refs.size());
        }
        CountingSink sink = new CountingSink();
        try (ObjectAccess access = new ObjectAccess(repo.dir(), repo.repo())) {
            CommitGraph g = CommitGraph.walk(access, tips, refs, Set.of(), null, new Problems(sink), sink, pool);
            List<String> order = new ArrayList<>();
            for (CommitNode n : g.order()) {
                StringBuilder line = new StringBuilder(n.name()).append(' ').append(n.tree.name()).append(' ')
                        .append(n.author).append(' ').append(n.commitTime).append(' ').append(n.ref).append(' ').append(n.order);
                for (CommitNode p : n.parents) {
                    line.append(' ').append(p.name());
                }
                order.add(line.toString());
            }
            List<String> warnings = new ArrayList<>(sink.warnings);
            Collections.sort(warnings);
            return new Walked(order, sink.walked.get(), warnings);
        }
    }

    /** Three walks with a pool of {@code threads} workers each give what one thread gave. */
    private static void assertSameOnThreads(TestRepo repo, int threads, Walked alone) throws Exception {
        ExecutorService pool = pool(threads);
        try {
            for (int round = 0; round < 3; round++) {
                assertThat(walk(repo, pool)).as("%d threads", threads).isEqualTo(alone);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ExecutorService pool(int threads) {
        return new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    }

    @RepeatedTest(2)
    void severalThreadsWalkTheSameGraphAsOne() throws Exception {
        try (TestRepo repo = TestRepo.init(dir.resolve("r"))) {
            branchyHistory(repo, new Random().nextLong(), 150);
            repo.git().gc().call();
            Walked alone = walk(repo, null);
            int all = 0;
            for (RevCommit ignored : repo.git().log().all().call()) {
                all++;
            }
            assertThat(alone.order()).hasSize(all).hasSizeGreaterThan(100);
            assertThat(alone.walked()).isEqualTo(alone.order().size());
            for (int threads : new int[] {2, 4}) {
                assertSameOnThreads(repo, threads, alone);
            }
        }
    }

    /** A lost commit costs itself and what only it leads to, the same with helpers; the walk still ends. */
    @Test
    void aMissingCommitIsReportedOnceAndTheWalkEnds() throws Exception {
        try (TestRepo repo = TestRepo.init(dir.resolve("r"))) {
            branchyHistory(repo, 5, 60);
            RevCommit lost = repo.commit("lost", "Dev 0", TestRepo.T0.plus(Duration.ofDays(3)));
            repo.write("after.txt", "after\n");
            repo.commit("after", "Dev 0", TestRepo.T0.plus(Duration.ofDays(4)));
            Files.delete(repo.looseObject(lost)); // loose: not packed
            Walked alone = walk(repo, null);
            assertThat(alone.warnings()).anyMatch(w -> w.contains(lost.name()));
            assertSameOnThreads(repo, 3, alone);
        }
    }

    /** Helpers that a busy pool starts only after the walk is over do nothing, and the walk does not wait for them. */
    @Test
    void aBusyPoolDoesNotHoldTheWalk() throws Exception {
        try (TestRepo repo = TestRepo.init(dir.resolve("r"))) {
            branchyHistory(repo, 9, 40);
            Walked alone = walk(repo, null);
            ExecutorService pool = pool(2);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            try {
                pool.execute(() -> awaitQuietly(release));
                pool.execute(() -> awaitQuietly(release)); // both workers busy until the walk is done
                assertThat(walk(repo, pool)).isEqualTo(alone);
            } finally {
                release.countDown();
                pool.shutdown();
                assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
