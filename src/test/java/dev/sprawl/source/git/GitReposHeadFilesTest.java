package dev.sprawl.source.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HEAD's files read in one go (the CODEOWNERS locations and the ignore file of a bare clone). */
class GitReposHeadFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFilesHeadHasAndLeavesOutTheRest() throws Exception {
        Path repoDir = dir.resolve("repo");
        try (TestRepo repo = TestRepo.init(repoDir)) {
            repo.write(".github/CODEOWNERS", "* @acme/platform\n").write(".sprawlignore", "fixtures/**\n")
                    .write("docs/readme.md", "hello\n").write("big.txt", "x".repeat(5000));
            repo.commit("one", "Dana Ops", TestRepo.T0);
            repo.write(".sprawlignore", "fixtures/**\ntestdata/**\n");
            repo.commit("two", "Dana Ops", TestRepo.T0.plusSeconds(60));
        }
        Map<String, byte[]> got = GitRepos.headFiles(repoDir,
                List.of(".github/CODEOWNERS", "CODEOWNERS", "docs", "docs/CODEOWNERS", ".sprawlignore", "big.txt"), 4096);
        assertThat(got).containsOnlyKeys(".github/CODEOWNERS", ".sprawlignore"); // docs is a tree, big.txt too large
        assertThat(new String(got.get(".sprawlignore"), StandardCharsets.UTF_8)).isEqualTo("fixtures/**\ntestdata/**\n");
        assertThat(GitRepos.headFile(repoDir, ".github/CODEOWNERS", 4096)).hasValueSatisfying(
                b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("* @acme/platform\n"));
    }

    @Test
    void aFolderOrAnEmptyRepositoryHasNone() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Files.writeString(folder.resolve("CODEOWNERS"), "* @x\n");
        assertThat(GitRepos.headFiles(folder, List.of("CODEOWNERS"), 4096)).isEmpty();
        Path empty = dir.resolve("empty");
        try (TestRepo repo = TestRepo.init(empty)) {
            assertThat(GitRepos.headFiles(empty, List.of("CODEOWNERS"), 4096)).isEmpty(); // HEAD names no commit
        }
    }
}
