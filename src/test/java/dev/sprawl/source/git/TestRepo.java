package dev.sprawl.source.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Builds git repositories for tests with JGit in a temporary folder: files, commits with chosen authors
 * and dates, branches, tags, merges. Nothing is committed to the project's own repository.
 */
public final class TestRepo implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2024-03-02T08:00:00Z");

    private final Path dir;
    private final Git git;

    private TestRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    /** A new repository with a working tree at {@code dir}, on branch {@code main}. */
    public static TestRepo init(Path dir) throws GitAPIException {
        SafeGit.init();
        return new TestRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
    }

    /** An existing repository with a working tree at {@code dir}. */
    public static TestRepo open(Path dir) throws IOException {
        SafeGit.init();
        return new TestRepo(dir, Git.open(dir.toFile()));
    }

    /** A new repository whose working tree has a {@code .git} file pointing at {@code gitDir}. */
    public static TestRepo initSeparate(Path dir, Path gitDir) throws GitAPIException {
        SafeGit.init();
        return new TestRepo(dir, Git.init().setDirectory(dir.toFile()).setGitDir(gitDir.toFile())
                .setInitialBranch("main").call());
    }

    public Path dir() {
        return dir;
    }

    public Git git() {
        return git;
    }

    public Repository repo() {
        return git.getRepository();
    }

    public TestRepo write(String rel, String content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return this;
    }

    public TestRepo delete(String rel) throws IOException {
        Files.delete(dir.resolve(rel));
        return this;
    }

    public TestRepo move(String from, String to) throws IOException {
        Path target = dir.resolve(to);
        Files.createDirectories(target.getParent());
        Files.move(dir.resolve(from), target);
        return this;
    }

    public static PersonIdent person(String name, Instant when) {
        String email = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@acme.test";
        return new PersonIdent(name, email, when, ZoneOffset.UTC);
    }

    /** Stages every change (additions, modifications, deletions) and commits it. */
    public RevCommit commit(String message, String author, Instant when) throws GitAPIException {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        PersonIdent who = person(author, when);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false)
                .setAllowEmpty(true).call();
    }

    /** Commits the index as it is (no staging from the working tree). */
    public RevCommit commitIndex(String message, String author, Instant when) throws GitAPIException {
        PersonIdent who = person(author, when);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    public TestRepo branch(String name) throws GitAPIException {
        git.branchCreate().setName(name).call();
        return this;
    }

    public TestRepo checkout(String name) throws GitAPIException {
        git.checkout().setName(name).call();
        return this;
    }

    public TestRepo tag(String name) throws GitAPIException {
        git.tag().setName(name).setAnnotated(true).setTagger(person("Tagger", T0)).setSigned(false).call();
        return this;
    }

    public TestRepo deleteBranch(String name) throws GitAPIException {
        git.branchDelete().setBranchNames(name).setForce(true).call();
        return this;
    }

    /** Merges {@code branch} into the current branch with a merge commit. */
    public RevCommit merge(String branch, String author, Instant when) throws GitAPIException, IOException {
        ObjectId other = repo().resolve(branch);
        PersonIdent who = person(author, when);
        // a merge commit with the given author: merge without committing, then commit
        git.merge().include(other).setCommit(false).setFastForward(MergeCommand.FastForwardMode.NO_FF).call();
        return git.commit().setMessage("merge " + branch).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    /** Writes a blob into the object database without touching the index or the working tree. */
    public ObjectId insertBlob(byte[] content) throws IOException {
        try (ObjectInserter ins = repo().newObjectInserter()) {
            ObjectId id = ins.insert(Constants.OBJ_BLOB, content);
            ins.flush();
            return id;
        }
    }

    /** The loose object file of an object. */
    public Path looseObject(ObjectId id) {
        String name = id.name();
        return repo().getDirectory().toPath().resolve("objects").resolve(name.substring(0, 2)).resolve(name.substring(2));
    }

    @Override
    public void close() {
        git.close();
    }
}
