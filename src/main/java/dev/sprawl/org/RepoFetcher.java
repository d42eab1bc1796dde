package dev.sprawl.org;

import dev.sprawl.source.git.GitRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;

/**
 * Brings a remote repository onto disk as a bare repository with every ref, through JGit only: no
 * {@code git} process, no checkout, no hooks, no filters. The repository is created by sprawl itself
 * ({@code git init --bare} equivalent) and fetched with an explicit URL and refspec, so nothing in a
 * repository's configuration (ours is empty; the remote's is never copied) decides what runs.
 */
public final class RepoFetcher {

    /** Every ref of the remote, forced, into the same name: a mirror. */
    static final String REFSPEC = "+refs/*:refs/*";
    /** Default network timeout (seconds without progress) of a clone or fetch. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 120;

    private final Credentials credentials;
    private final int timeoutSeconds;

    public RepoFetcher(Credentials credentials, int timeoutSeconds) {
        this.credentials = credentials;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Makes {@code dir} a bare mirror of {@code t} and returns it. Contract:
     * <ul>
     *   <li>{@code dir} absent (or not a bare repository: a damaged cache entry, which is deleted): the
     *       remote is fetched into {@code dir.partial} and renamed to {@code dir} once complete, so a
     *       failed clone never leaves a half repository at {@code dir};</li>
     *   <li>{@code dir} already a bare repository: it is FETCHED in place (new objects only), refs
     *       updated and refs deleted on the remote removed, HEAD re-pointed at the remote's HEAD;</li>
     *   <li>an empty remote gives a repository without refs ({@link #isEmpty});</li>
     *   <li>failure: {@link RepoUnavailable} with a message free of credentials; an existing {@code dir}
     *       keeps what it had.</li>
     * </ul>
     * {@code dir} belongs to the caller (a temporary folder or the {@code --cache} folder). Thread-safe
     * for different directories.
     */
    public Path materialize(RemoteTarget t, Path dir) throws RepoUnavailable {
        try {
            return materialize(t, dir, new Semaphore(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RepoUnavailable("interrupted");
        }
    }

    /**
     * {@link #materialize(RemoteTarget, Path)}, holding a permit of {@code transfers} only while objects
     * are cloned or fetched: an existing clone first asks the remote for its refs (one round trip, no
     * pack) and is not fetched at all when they are the refs it already has, so many of those checks
     * can run at once while the transfers, which make the server build packs, stay few.
     */
    public Path materialize(RemoteTarget t, Path dir, Semaphore transfers) throws RepoUnavailable, InterruptedException {
        GitRepos.initJGit();
        try {
            if (isBare(dir)) {
                if (!upToDate(t, dir)) {
                    transfers.acquire();
                    try {
                        fetch(t, dir);
                    } finally {
                        transfers.release();
                    }
                }
                return dir;
            }
            deleteTree(dir);
            Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
            deleteTree(partial);
            Files.createDirectories(partial.getParent());
            Git.init().setBare(true).setGitDir(partial.toFile()).setInitialBranch("main").call().close();
            transfers.acquire();
            try {
                fetch(t, partial);
            } catch (RepoUnavailable e) {
                deleteTree(partial);
                throw e;
            } finally {
                transfers.release();
            }
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException | GitAPIException | RuntimeException e) {
            throw new RepoUnavailable(describe(t, e));
        }
    }

    /** A folder name for {@code t} under a clone root: readable, unique, the same on every run. */
    public static String directoryName(RemoteTarget t) {
        String readable = t.repo().replaceAll("^[a-z]+:(//)?", "").replaceAll("[^A-Za-z0-9._-]+", "_");
        readable = readable.replaceAll("^[._]+", "");
        if (readable.length() > 60) {
            readable = readable.substring(readable.length() - 60);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(t.repo().getBytes(StandardCharsets.UTF_8));
            return readable + "-" + HexFormat.of().formatHex(hash, 0, 6) + ".git";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the bare repository has no ref at all (an empty remote). */
    public static boolean isEmpty(Path dir) {
        try (Repository repo = openBare(dir)) {
            return repo.getRefDatabase().getRefs().isEmpty();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * True when the remote advertises exactly the refs the clone at {@code dir} has (same names, same
     * objects, each object present) and HEAD would point where it points: a fetch would change nothing.
     * Asks the remote for its refs only (an ls-remote).
     */
    boolean upToDate(RemoteTarget t, Path dir) throws RepoUnavailable {
        Map<String, Ref> advertised;
        try {
            advertised = Git.lsRemoteRepository()
                    .setRemote(t.url().toString())
                    .setCredentialsProvider(new HostCredentials(t, credentials))
                    .setTimeout(timeoutSeconds)
                    .callAsMap();
        } catch (GitAPIException | RuntimeException e) {
            throw new RepoUnavailable(describe(t, e));
        }
        try (Repository repo = openBare(dir)) {
            Map<String, ObjectId> remote = new TreeMap<>();
            for (Ref r : advertised.values()) {
                if (r.getName().startsWith(Constants.R_REFS) && r.getObjectId() != null) {
                    remote.put(r.getName(), r.getObjectId());
                }
            }
            Map<String, ObjectId> local = new TreeMap<>();
            for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_REFS)) {
                if (r.getObjectId() == null) {
                    return false;
                }
                local.put(r.getName(), r.getObjectId());
            }
            if (!remote.equals(local)) {
                return false;
            }
            for (ObjectId id : local.values()) {
                if (!repo.getObjectDatabase().has(id)) {
                    return false; // a damaged clone: a fetch brings what is missing
                }
            }
            String head = headTarget(advertised);
            if (head == null) {
                return true; // HEAD is left where it is
            }
            Ref current = repo.exactRef(Constants.HEAD);
            return current != null && current.isSymbolic() && current.getTarget().getName().equals(head);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void fetch(RemoteTarget t, Path dir) throws RepoUnavailable {
        try (Repository repo = openBare(dir); Git git = new Git(repo)) {
            FetchResult result = git.fetch()
                    .setRemote(t.url().toString())
                    .setRefSpecs(new RefSpec(REFSPEC))
                    .setRemoveDeletedRefs(true)
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setCredentialsProvider(new HostCredentials(t, credentials))
                    .setTimeout(timeoutSeconds)
                    .call();
            pointHead(repo, result);
        } catch (IOException | GitAPIException | RuntimeException e) {
            throw new RepoUnavailable(describe(t, e));
        }
    }

    /** HEAD follows the remote's HEAD (its symref, else the branch at the same commit). */
    private static void pointHead(Repository repo, FetchResult result) throws IOException {
        Map<String, Ref> advertised = new HashMap<>();
        result.getAdvertisedRefs().forEach(r -> advertised.put(r.getName(), r));
        String target = headTarget(advertised);
        if (target == null || repo.exactRef(target) == null) {
            return;
        }
        Ref current = repo.exactRef(Constants.HEAD);
        if (current != null && current.isSymbolic() && current.getTarget().getName().equals(target)) {
            return;
        }
        RefUpdate u = repo.updateRef(Constants.HEAD);
        u.disableRefLog();
        u.link(target);
    }

    /** The branch the remote's HEAD names: its symref, else the branch at the same commit; null when none. */
    private static String headTarget(Map<String, Ref> advertised) {
        Ref remoteHead = advertised.get(Constants.HEAD);
        if (remoteHead == null) {
            return null;
        }
        if (remoteHead.isSymbolic()) {
            return remoteHead.getTarget().getName();
        }
        ObjectId id = remoteHead.getObjectId();
        if (id == null) {
            return null;
        }
        for (String preferred : List.of("refs/heads/main", "refs/heads/master")) {
            Ref r = advertised.get(preferred);
            if (r != null && id.equals(r.getObjectId())) {
                return preferred;
            }
        }
        return advertised.values().stream().filter(r -> r.getName().startsWith(Constants.R_HEADS))
                .filter(r -> id.equals(r.getObjectId())).map(Ref::getName).sorted().findFirst().orElse(null);
    }

    private static Repository openBare(Path dir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
    }

    private static boolean isBare(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && Files.isRegularFile(dir.resolve(Constants.HEAD), LinkOption.NOFOLLOW_LINKS)
                && Files.isDirectory(dir.resolve("objects"), LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(dir.resolve(Constants.DOT_GIT), LinkOption.NOFOLLOW_LINKS)
                && GitRepos.isRepository(dir);
    }

    /** The deepest cause's message (JGit's are specific: "not authorized", "repository not found"). */
    private String describe(RemoteTarget t, Throwable e) {
        Throwable deepest = e;
        StringBuilder sb = new StringBuilder();
        for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
            deepest = c;
            if (c.getMessage() != null && sb.indexOf(c.getMessage()) < 0 && sb.length() < 300) {
                sb.append(sb.length() == 0 ? "" : ": ").append(c.getMessage());
            }
        }
        String text = sb.length() == 0 ? deepest.getClass().getSimpleName() : sb.toString();
        text = text.codePoints().map(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (text.length() > 400) {
            text = text.substring(0, 400) + "...";
        }
        return credentials.scrub(text, t.login());
    }

    /** Deletes a folder tree without following symbolic links; absent is fine. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Answers a server's request for credentials only for the target's own host. */
    private static final class HostCredentials extends CredentialsProvider {
        private final RemoteTarget target;
        private final Credentials credentials;

        HostCredentials(RemoteTarget target, Credentials credentials) {
            this.target = target;
            this.credentials = credentials;
        }

        @Override
        public boolean isInteractive() {
            return false;
        }

        @Override
        public boolean supports(CredentialItem... items) {
            for (CredentialItem i : items) {
                if (!(i instanceof CredentialItem.Username) && !(i instanceof CredentialItem.Password)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean get(URIish uri, CredentialItem... items) {
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            String own = target.url().getHost() == null ? "" : target.url().getHost().toLowerCase(Locale.ROOT);
            if (!host.equals(own) || uri.getPort() != target.url().getPort()) {
                return false; // a redirect to another server gets nothing
            }
            Login login = credentials.forUrl(target.url(), target.login());
            if (login == null) {
                return false;
            }
            for (CredentialItem i : items) {
                if (i instanceof CredentialItem.Username u) {
                    u.setValue(login.user());
                } else if (i instanceof CredentialItem.Password p) {
                    p.setValue(login.password().toCharArray());
                } else {
                    return false;
                }
            }
            return true;
        }
    }
}
