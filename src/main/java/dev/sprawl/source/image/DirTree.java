package dev.sprawl.source.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/** An OCI layout folder. Symbolic links are never followed: a blob must be a regular file inside it. */
final class DirTree implements FileTree {

    private final Path root;

    DirTree(Path root) {
        this.root = root;
    }

    private Path resolve(String name) {
        Path p = root;
        for (String part : name.split("/")) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                return null;
            }
        }
        return p;
    }

    @Override
    public long size(String name) {
        Path p = resolve(name);
        if (p == null) {
            return -1;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? a.size() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        Path p = resolve(name);
        if (p == null || size(name) < 0) {
            throw new NoSuchFileException(name);
        }
        return Files.newInputStream(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void close() {
    }
}
