package dev.sprawl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Archives built in memory at test time (tar, zip, gzip, zstd). */
public final class TestArchives {

    private TestArchives() {
    }

    /** A tar builder: files, folders, links, whiteouts, in the order added. */
    public static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar;

        public Tar() {
            tar = new TarArchiveOutputStream(bytes);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        public Tar file(String name, byte[] content) {
            try {
                TarArchiveEntry e = new TarArchiveEntry(name, true);
                e.setSize(content.length);
                e.setMode(0644);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
                return this;
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }

        public Tar file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }

        public Tar dir(String name) {
            try {
                TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
                return this;
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }

        public Tar symlink(String name, String target) {
            try {
                TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
                e.setLinkName(target);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
                return this;
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }

        public byte[] bytes() {
            try {
                tar.finish();
                tar.close();
                return bytes.toByteArray();
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    public static byte[] zip(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(m.getKey()));
                zip.write(m.getValue());
                zip.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    public static byte[] zstd(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new io.airlift.compress.zstd.ZstdOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    /** gzip of {@code size} zero bytes, written in chunks (a decompression bomb). */
    public static byte[] gzipOfZeros(long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1024 * 1024];
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            for (long done = 0; done < size; done += chunk.length) {
                gz.write(chunk, 0, (int) Math.min(chunk.length, size - done));
            }
        }
        return out.toByteArray();
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
