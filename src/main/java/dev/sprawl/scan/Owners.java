package dev.sprawl.scan;

import dev.sprawl.inventory.IgnoreFile;
import dev.sprawl.inventory.owner.CodeOwners;
import dev.sprawl.inventory.owner.OwnerResolver;
import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.git.GitRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Per-target governance files: CODEOWNERS (looked up where GitHub looks; for a git repository without
 * one on disk, such as a bare repository, HEAD's, which owns historical paths too) and {@code .sprawlignore}
 * (for a bare repository, HEAD's).
 */
final class Owners {

    /** Largest CODEOWNERS file read. */
    static final long MAX_CODEOWNERS_BYTES = 3L * 1024 * 1024;

    private Owners() {
    }

    /** An archive member's owner is the archive's: {@code lib/app.jar!config/x.yml} is owned as {@code lib/app.jar}. */
    static String outerPath(String path) {
        int bang = path.indexOf('!');
        return bang < 0 ? path : path.substring(0, bang);
    }

    /**
     * The governance files of a bare repository's HEAD (every CODEOWNERS location and {@code .sprawlignore}),
     * read with one resolution of HEAD; empty for other targets, which keep theirs on disk.
     */
    static Map<String, byte[]> headFiles(Path target) {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                || Files.exists(target.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            return Map.of();
        }
        List<String> names = new ArrayList<>(CodeOwners.LOCATIONS);
        names.add(IgnoreFile.NAME);
        return GitRepos.headFiles(target, names, MAX_CODEOWNERS_BYTES);
    }

    /** The suppressions of a target: {@code explicit} when given, else its root {@code .sprawlignore}. */
    static IgnoreFile ignoreFile(Path target, Path explicit, Map<String, byte[]> head, Consumer<ScanWarning> warn) {
        Path file = explicit != null ? explicit : target.resolve(IgnoreFile.NAME);
        if (explicit == null && (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))) {
            return ignoreFileFromGitHead(head, warn);
        }
        String name = explicit != null ? explicit.toString() : IgnoreFile.NAME;
        try {
            if (Files.size(file) > MAX_CODEOWNERS_BYTES) {
                warn.accept(new ScanWarning("ignore-file-too-large", "ignore file not used: too large", name, false));
                return IgnoreFile.EMPTY;
            }
            IgnoreFile parsed = IgnoreFile.parse(name, Files.readString(file, StandardCharsets.UTF_8));
            for (String problem : parsed.problems()) {
                warn.accept(new ScanWarning("ignore-file-line", problem, name, false));
            }
            return parsed;
        } catch (IOException | java.io.UncheckedIOException e) {
            warn.accept(new ScanWarning("ignore-file-unreadable", "ignore file could not be read", name, false));
            return IgnoreFile.EMPTY;
        }
    }

    /** A bare repository (a remote's clone) has no files on disk: HEAD's {@code .sprawlignore}, like its CODEOWNERS. */
    private static IgnoreFile ignoreFileFromGitHead(Map<String, byte[]> head, Consumer<ScanWarning> warn) {
        byte[] bytes = head.get(IgnoreFile.NAME);
        if (bytes == null) {
            return IgnoreFile.EMPTY;
        }
        IgnoreFile parsed = IgnoreFile.parse(IgnoreFile.NAME, new String(bytes, StandardCharsets.UTF_8));
        for (String problem : parsed.problems()) {
            warn.accept(new ScanWarning("ignore-file-line", problem, IgnoreFile.NAME, false));
        }
        return parsed;
    }

    static OwnerResolver forTarget(Path target, Map<String, byte[]> head, Consumer<ScanWarning> warn) {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return OwnerResolver.NONE;
        }
        for (String name : CodeOwners.LOCATIONS) {
            Path file = target.resolve(name);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    if (Files.size(file) > MAX_CODEOWNERS_BYTES) {
                        warn.accept(new ScanWarning("codeowners-too-large", "CODEOWNERS ignored: too large", name, false));
                        return OwnerResolver.NONE;
                    }
                    CodeOwners owners = CodeOwners.parse(name, Files.readString(file, StandardCharsets.UTF_8));
                    return location -> owners.ownerOf(outerPath(location.path()));
                } catch (IOException | java.io.UncheckedIOException e) {
                    warn.accept(new ScanWarning("codeowners-unreadable", "CODEOWNERS could not be read", name, false));
                    return OwnerResolver.NONE;
                }
            }
        }
        if (Files.exists(target.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            return OwnerResolver.NONE; // a working tree's CODEOWNERS is the one on disk, and there is none
        }
        return fromGitHead(head);
    }

    /** A git repository without a CODEOWNERS file on disk (a bare one): HEAD's CODEOWNERS. */
    private static OwnerResolver fromGitHead(Map<String, byte[]> head) {
        for (String name : CodeOwners.LOCATIONS) {
            byte[] bytes = head.get(name);
            if (bytes != null) {
                CodeOwners owners = CodeOwners.parse(name, new String(bytes, StandardCharsets.UTF_8));
                return location -> owners.ownerOf(outerPath(location.path()));
            }
        }
        return OwnerResolver.NONE;
    }
}
