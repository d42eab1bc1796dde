package dev.sprawl.source.image;

import dev.sprawl.source.ChannelReads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An uncompressed tar archive read in place: one pass over its headers, then each member is read
 * with positional reads from one shared channel, so members stream in parallel and nothing is
 * extracted. A name that occurs twice means its last copy, as when the archive is unpacked.
 */
final class TarTree implements FileTree {

    private record Member(long offset, long size) {
    }

    private final FileChannel channel;
    private final Map<String, Member> members = new HashMap<>();
    private int duplicates;

    TarTree(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            try (TarFile tar = new TarFile(FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
                for (TarArchiveEntry e : tar.getEntries()) {
                    if (!e.isDirectory() && !e.isSymbolicLink() && !e.isLink() && !e.isSparse()) {
                        String name = FileTree.safeName(e.getName());
                        if (name != null && members.put(name, new Member(e.getDataOffset(), e.getSize())) != null) {
                            duplicates++;
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException("not a readable tar archive", e);
        }
    }

    /** Names that occurred more than once (a sign of tampering). */
    int duplicates() {
        return duplicates;
    }

    @Override
    public long size(String name) {
        Member m = members.get(name);
        return m == null ? -1 : m.size;
    }

    @Override
    public InputStream open(String name) throws IOException {
        Member m = members.get(name);
        if (m == null) {
            throw new NoSuchFileException(name);
        }
        return new RangeStream(channel, m.offset, m.size);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A byte range of a channel, read with positional reads (thread-safe on a shared channel). */
    static final class RangeStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        RangeStream(FileChannel channel, long offset, long length) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int want = (int) Math.min(len, end - position);
            int n = ChannelReads.read(channel, b, off, want, position);
            if (n < 0) {
                throw new java.io.EOFException("archive ends inside a member (truncated)");
            }
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long s = Math.max(0, Math.min(n, end - position));
            position += s;
            return s;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }
    }
}
