package dev.sprawl.source.image;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;

/**
 * The files of an image layout: an OCI layout folder, or a tar archive (docker save, OCI archive)
 * read in place. Names come from untrusted manifests: {@link #safeName} rejects every name that could
 * leave the layout.
 */
interface FileTree extends Closeable {

    /** The size of the regular file {@code name}, or -1 when there is none. */
    long size(String name);

    /** Streams the regular file {@code name}; several streams may be open at once, from several threads. */
    InputStream open(String name) throws IOException;

    /** Reads a whole file of at most {@code max} bytes. */
    default byte[] read(String name, int max) throws IOException {
        long size = size(name);
        if (size < 0) {
            throw new NoSuchFileException(name);
        }
        if (size > max) {
            throw new IOException(name + " is too large (" + size + " bytes, at most " + max + " read)");
        }
        try (InputStream in = open(name)) {
            return in.readNBytes(max);
        }
    }

    /**
     * The normalised form of a relative name from a manifest ({@code ./a//b} is {@code a/b}), or null
     * when it is absolute, has a {@code ..} part, a backslash or a NUL.
     */
    static String safeName(String name) {
        if (name == null || name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0
                || name.indexOf('\0') >= 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                return null;
            }
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** The layout path of a blob with a valid digest. */
    static String blobName(String digest) {
        return "blobs/" + Digest.algorithm(digest) + "/" + Digest.hex(digest);
    }
}
