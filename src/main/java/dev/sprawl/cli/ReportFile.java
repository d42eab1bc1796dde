package dev.sprawl.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes {@code --output} files atomically: the report goes to a temporary file in the same folder
 * (created new, 0600, never through a link), is flushed to disk, and only then renamed over the
 * output path in one atomic step. A scan killed mid-write (SIGKILL, out of memory, a full disk)
 * leaves the output path as it was — absent, or the previous complete report — never a truncated
 * report that a CI step could read as clean. On a write error the temporary file is removed.
 */
final class ReportFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** What goes into the file. */
    @FunctionalInterface
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** Opens the temporary file for writing (tests put a failing channel here to fill the disk). */
    @FunctionalInterface
    interface Opener {
        FileChannel open(Path temporary) throws IOException;
    }

    static final Opener CHANNEL = p -> FileChannel.open(p, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private ReportFile() {
    }

    static void write(Path path, Content content) throws IOException {
        write(path, content, CHANNEL);
    }

    static void write(Path path, Content content, Opener opener) throws IOException {
        Path target = path.toAbsolutePath();
        if (Files.isSymbolicLink(target)) {
            throw new IOException("refusing to write through a symbolic link");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("exists and is not a regular file");
        }
        Path dir = target.getParent();
        boolean posix = target.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial", attrs);
        boolean done = false;
        try {
            try (FileChannel ch = opener.open(temp);
                 Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch),
                         StandardCharsets.UTF_8), 64 * 1024)) {
                content.writeTo(w);
                w.flush();
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
