package dev.sprawl.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Opens {@code --output} files: created 0600, never through a symbolic link. */
final class ReportFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private ReportFile() {
    }

    static Writer open(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            throw new IOException("refusing to write through a symbolic link");
        }
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(path);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("exists and is not a regular file");
            }
            if (posix) {
                Files.setPosixFilePermissions(path, OWNER_ONLY);
            }
        }
        return new OutputStreamWriter(Files.newOutputStream(path, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS), StandardCharsets.UTF_8);
    }
}
