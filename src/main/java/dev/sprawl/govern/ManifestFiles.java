package dev.sprawl.govern;

import dev.sprawl.source.git.GitRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds and reads identities manifests: {@code --config FILE}, else {@code .sprawl.yaml} at a target's
 * root (a directory, or the tree of HEAD for a bare repository, as CODEOWNERS is found). A symlinked
 * manifest at a target root is not followed.
 */
final class ManifestFiles {

    /** Largest manifest read. */
    static final long MAX_MANIFEST_BYTES = 1024L * 1024;

    private ManifestFiles() {
    }

    /** The manifest in {@code file}, named as given. */
    static Manifest read(Path file) throws ManifestException {
        String name = file.toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw new ManifestException(List.of(name + ":1: no such manifest file"));
            }
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                throw new ManifestException(List.of(name + ":1: larger than " + MAX_MANIFEST_BYTES + " bytes"));
            }
            return ManifestParser.parse(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ManifestException(List.of(name + ":1: cannot be read (" + e.getClass().getSimpleName() + ")"));
        }
    }

    /** The manifest at a target's root, or empty when it has none. */
    static Optional<Manifest> atRoot(Path target) throws ManifestException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Path file = target.resolve(Manifest.NAME);
        String shown = file.toString();
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                if (Files.size(file) > MAX_MANIFEST_BYTES) {
                    throw new ManifestException(List.of(shown + ":1: larger than " + MAX_MANIFEST_BYTES + " bytes"));
                }
                return Optional.of(ManifestParser.parse(shown, Files.readString(file, StandardCharsets.UTF_8))
                        .named(Manifest.NAME));
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new ManifestException(List.of(shown + ":1: cannot be read (" + e.getClass().getSimpleName() + ")"));
            }
        }
        if (Files.exists(target.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Optional<byte[]> head = GitRepos.headFile(target, Manifest.NAME, MAX_MANIFEST_BYTES);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ManifestParser.parse(target + ":HEAD:" + Manifest.NAME,
                new String(head.get(), StandardCharsets.UTF_8)).named(Manifest.NAME));
    }
}
