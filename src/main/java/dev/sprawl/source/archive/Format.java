package dev.sprawl.source.archive;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import java.util.zip.GZIPInputStream;

/** Archive and compression formats, recognised by their magic bytes (never by file name). */
public enum Format {
    ZIP, TAR, GZIP, ZSTD;

    private static final int GZIP_BUFFER = 64 * 1024;

    /** Bytes to look at to recognise every format (a tar header is one 512-byte record). */
    public static final int SNIFF_BYTES = 512;

    /** The format of content starting with {@code head}, or null when it is none of them. */
    public static Format sniff(byte[] head, int length) {
        if (length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return ZIP;
        }
        if (length >= 3 && head[0] == (byte) 0x1f && head[1] == (byte) 0x8b && head[2] == 8) {
            return GZIP;
        }
        if (length >= 4 && head[0] == (byte) 0x28 && head[1] == (byte) 0xb5 && head[2] == (byte) 0x2f
                && head[3] == (byte) 0xfd) {
            return ZSTD;
        }
        if (length >= SNIFF_BYTES && TarArchiveInputStream.matches(head, length)) {
            return TAR;
        }
        return null;
    }

    public boolean compressed() {
        return this == GZIP || this == ZSTD;
    }

    /** A decoder for a compressed format ({@link #GZIP} with every member (JDK inflater), {@link #ZSTD} in pure Java). */
    public InputStream decoder(InputStream in) throws IOException {
        switch (this) {
            case GZIP:
                // the JDK's reader returns what it has inflated before a truncation point (Commons
                // Compress' fills the whole request and loses it); both read concatenated members
                return new GZIPInputStream(in, GZIP_BUFFER);
            case ZSTD:
                return new io.airlift.compress.zstd.ZstdInputStream(in);
            default:
                throw new IllegalStateException(this + " is not a compression format");
        }
    }
}
