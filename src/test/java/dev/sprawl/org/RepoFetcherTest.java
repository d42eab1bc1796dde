package dev.sprawl.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sprawl.source.git.GitRepos;
import dev.sprawl.source.git.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bare mirrors over file:// (the network transports are tested against real servers in the cli tests). */
class RepoFetcherTest {

    @TempDir
    Path dir;

    private final RepoFetcher fetcher = new RepoFetcher(Credentials.NONE, 30);

    @Test
    void clonesEveryRefBareThenFetchesInPlace() throws Exception {
        Path src = dir.resolve("src");
        try (TestRepo r = TestRepo.init(src)) {
            r.write("a.txt", "one\n").commit("one", "Dana", TestRepo.T0);
            r.branch("feature").tag("v1");
            RemoteTarget t = RemoteTarget.fromUrl(src.toUri().toString());
            assertThat(t.repo()).startsWith("file:///").isEqualTo(t.url().toString());
            Path bare = dir.resolve("cache").resolve(RepoFetcher.directoryName(t));
            assertThat(fetcher.materialize(t, bare)).isEqualTo(bare);
            assertThat(bare.resolve("HEAD")).exists();
            assertThat(bare.resolve("a.txt")).doesNotExist();
            assertThat(GitRepos.headCommit(bare)).isEqualTo(r.repo().resolve("HEAD").name());
            try (Repository b = new FileRepositoryBuilder().setGitDir(bare.toFile()).setBare().build()) {
                assertThat(b.exactRef("refs/heads/feature")).isNotNull();
                assertThat(b.exactRef("refs/tags/v1")).isNotNull();
                assertThat(b.exactRef("HEAD").getTarget().getName()).isEqualTo("refs/heads/main");
            }
            Files.writeString(bare.resolve("marker"), "kept"); // a re-clone would lose it
            r.write("b.txt", "two\n").commit("two", "Dana", TestRepo.T0.plusSeconds(60));
            r.deleteBranch("feature");
            fetcher.materialize(t, bare);
            assertThat(bare.resolve("marker")).exists();
            assertThat(GitRepos.headCommit(bare)).isEqualTo(r.repo().resolve("HEAD").name());
            try (Repository b = new FileRepositoryBuilder().setGitDir(bare.toFile()).setBare().build()) {
                assertThat(b.exactRef("refs/heads/feature")).isNull();
            }
        }
    }

    @Test
    void aCloneIsUpToDateOnlyWhileTheRemoteAdvertisesItsVeryRefsAndHead() throws Exception {
        Path src = dir.resolve("src");
        try (TestRepo r = TestRepo.init(src)) {
            r.write("a.txt", "one\n").commit("one", "Dana", TestRepo.T0);
            r.branch("feature").tag("v1");
            RemoteTarget t = RemoteTarget.fromUrl(src.toUri().toString());
            Path bare = dir.resolve("cache").resolve(RepoFetcher.directoryName(t));
            fetcher.materialize(t, bare);
            assertThat(fetcher.upToDate(t, bare)).isTrue();

            r.write("b.txt", "two\n").commit("two", "Dana", TestRepo.T0.plusSeconds(60)); // a branch moved
            assertThat(fetcher.upToDate(t, bare)).isFalse();
            fetcher.materialize(t, bare);
            assertThat(fetcher.upToDate(t, bare)).isTrue();
            assertThat(GitRepos.headCommit(bare)).isEqualTo(r.repo().resolve("HEAD").name());

            r.deleteBranch("feature"); // a ref gone
            assertThat(fetcher.upToDate(t, bare)).isFalse();
            fetcher.materialize(t, bare);
            assertThat(fetcher.upToDate(t, bare)).isTrue();

            r.tag("v2"); // a ref added
            assertThat(fetcher.upToDate(t, bare)).isFalse();
            fetcher.materialize(t, bare);

            r.branch("other").checkout("other"); // HEAD names another branch at the same commit
            assertThat(fetcher.upToDate(t, bare)).isFalse();
            fetcher.materialize(t, bare);
            assertThat(fetcher.upToDate(t, bare)).isTrue();
            try (Repository b = new FileRepositoryBuilder().setGitDir(bare.toFile()).setBare().build()) {
                assertThat(b.exactRef("HEAD").getTarget().getName()).isEqualTo("refs/heads/other");
            }

            try (var packs = Files.list(bare.resolve("objects/pack"))) {
                for (Path p : packs.toList()) {
                    Files.delete(p); // a damaged clone: its refs name objects it no longer has
                }
            }
            assertThat(fetcher.upToDate(t, bare)).isFalse(); // fetched as before, never skipped
        }
    }

    @Test
    void damagedCacheEntryIsRebuiltAndEmptyRemoteHasNoRefs() throws Exception {
        Path src = dir.resolve("empty");
        TestRepo.init(src).close();
        RemoteTarget t = RemoteTarget.fromUrl(src.toUri().toString());
        Path bare = dir.resolve("x.git");
        Files.createDirectories(bare);
        Files.writeString(bare.resolve("junk"), "not a repository");
        fetcher.materialize(t, bare);
        assertThat(bare.resolve("junk")).doesNotExist();
        assertThat(RepoFetcher.isEmpty(bare)).isTrue();
        assertThat(GitRepos.headCommit(bare)).isNull();
    }

    @Test
    void failureLeavesNothingAndNamesNoPassword() {
        String password = "pw" + Long.toHexString(System.nanoTime());
        RemoteTarget t = RemoteTarget.fromUrl("http://someone:" + password + "@127.0.0.1:1/nothing.git");
        assertThat(t.url().toString()).isEqualTo("http://127.0.0.1:1/nothing.git");
        assertThat(t.repo()).doesNotContain(password);
        assertThat(t.toString()).doesNotContain(password);
        assertThat(t.login().password()).isEqualTo(password);
        Path bare = dir.resolve("y.git");
        assertThatThrownBy(() -> fetcher.materialize(t, bare)).isInstanceOf(RepoUnavailable.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(password));
        assertThat(bare).doesNotExist();
        assertThat(dir.resolve("y.git.partial")).doesNotExist();
        assertThat(new Credentials(Map.of("GITHUB_TOKEN", password), null, null).scrub("x " + password, null))
                .isEqualTo("x ***");
    }

    @Test
    void urlsAreCheckedAndTokensGoOnlyToTheirHosts() {
        assertThatThrownBy(() -> RemoteTarget.fromUrl("ssh://git@example.com/a.git"))
                .hasMessageContaining("unsupported URL scheme");
        Credentials c = new Credentials(Map.of("GH_TOKEN", "t1", "GITLAB_TOKEN", "t2"),
                java.net.URI.create("https://api.github.example"), java.net.URI.create("https://git.example"));
        assertThat(c.forUrl(java.net.URI.create("https://github.com/a/b.git"), null).password()).isEqualTo("t1");
        assertThat(c.forUrl(java.net.URI.create("https://github.example/a/b.git"), null).password()).isEqualTo("t1");
        assertThat(c.forUrl(java.net.URI.create("https://git.example/a/b.git"), null).password()).isEqualTo("t2");
        assertThat(c.forUrl(java.net.URI.create("https://elsewhere.example/a.git"), null)).isNull();
        assertThat(c.forUrl(java.net.URI.create("http://github.com/a/b.git"), null)).isNull(); // no token in clear
        assertThat(Credentials.tokenMayGo(java.net.URI.create("http://127.0.0.1:8080/x"))).isTrue();
    }
}
