package dev.sprawl.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeCacheTest {

    @TempDir
    Path dir;

    @Test
    void servesTreesAsReadAndPassesOtherObjectsThrough() throws Exception {
        try (TestRepo repo = TestRepo.init(dir)) {
            repo.write("a/b/c.txt", "one\n").write("a/d.txt", "two\n");
            RevCommit first = repo.commit("one", "Dana Ops", TestRepo.T0);
            repo.write("a/b/c.txt", "three\n");
            RevCommit second = repo.commit("two", "Dana Ops", TestRepo.T0.plusSeconds(60));
            try (ObjectReader plain = repo.repo().newObjectReader()) {
                TreeCache cached = new TreeCache(plain);
                for (int round = 0; round < 2; round++) {
                    for (ObjectId tree : new ObjectId[] {first.getTree(), second.getTree()}) {
                        assertThat(cached.open(tree, Constants.OBJ_TREE).getCachedBytes())
                                .isEqualTo(plain.open(tree, Constants.OBJ_TREE).getCachedBytes());
                    }
                }
                // a walk through the cache sees what a walk through the reader sees
                try (TreeWalk viaCache = new TreeWalk(cached); TreeWalk direct = new TreeWalk(plain)) {
                    for (TreeWalk tw : new TreeWalk[] {viaCache, direct}) {
                        tw.setRecursive(true);
                        tw.reset(first.getTree(), second.getTree());
                        tw.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
                    }
                    while (direct.next()) {
                        assertThat(viaCache.next()).isTrue();
                        assertThat(viaCache.getPathString()).isEqualTo(direct.getPathString());
                        assertThat(viaCache.getObjectId(1)).isEqualTo(direct.getObjectId(1));
                    }
                    assertThat(viaCache.next()).isFalse();
                }
                ObjectId blob = repo.insertBlob("blob\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(cached.open(blob, Constants.OBJ_BLOB).getType()).isEqualTo(Constants.OBJ_BLOB);
                cached.close(); // leaves the caller's reader open
                assertThat(plain.open(blob).getSize()).isEqualTo(5);
            }
        }
    }
}
