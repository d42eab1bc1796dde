package dev.sprawl.scan;

import dev.sprawl.inventory.owner.CodeOwners;
import dev.sprawl.inventory.owner.OwnerResolver;
import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.git.GitRepos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Finds the owner sources of a target: its CODEOWNERS file, looked up where GitHub looks; for a git
 * repository without one on disk (a bare repository), HEAD's. The same file owns historical paths.
 */
final class Owners {

    /** Largest CODEOWNERS file read. */
    static final long MAX_CODEOWNERS_BYTES = 3L * 1024 * 1024;

    private Owners() {
    }

    static OwnerResolver forTarget(Path target, Consumer<ScanWarning> warn) {
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
                    return location -> owners.ownerOf(location.path());
                } catch (IOException | java.io.UncheckedIOException e) {
                    warn.accept(new ScanWarning("codeowners-unreadable", "CODEOWNERS could not be read", name, false));
                    return OwnerResolver.NONE;
                }
            }
        }
        return fromGitHead(target, warn);
    }

    /** A git repository without a CODEOWNERS file on disk (a bare one): HEAD's CODEOWNERS. */
    private static OwnerResolver fromGitHead(Path target, Consumer<ScanWarning> warn) {
        for (String name : CodeOwners.LOCATIONS) {
            java.util.Optional<byte[]> bytes = GitRepos.headFile(target, name, MAX_CODEOWNERS_BYTES);
            if (bytes.isPresent()) {
                CodeOwners owners = CodeOwners.parse(name, new String(bytes.get(), StandardCharsets.UTF_8));
                return location -> owners.ownerOf(location.path());
            }
        }
        return OwnerResolver.NONE;
    }
}
