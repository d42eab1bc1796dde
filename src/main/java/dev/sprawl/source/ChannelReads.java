package dev.sprawl.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * File-channel reads into heap arrays, at most {@link #MAX_REQUEST} bytes per call. The JDK copies
 * such a read through a temporary direct buffer of the request's size and keeps one for reuse only
 * up to {@code jdk.nio.maxCachedBufferSize} (the launcher sets 256 KiB); a larger request allocates,
 * zeroes and frees a buffer of that size on every call (a folder scan of /usr took 2.5x the CPU when
 * each file was read with the rest of a grown read buffer as the request).
 */
public final class ChannelReads {

    /** The launcher's {@code -Djdk.nio.maxCachedBufferSize}. */
    public static final int MAX_REQUEST = 256 * 1024;

    private ChannelReads() {
    }

    /** Reads up to {@code len} bytes into {@code b[off...]}: the count, or -1 at the end. */
    public static int read(FileChannel ch, byte[] b, int off, int len) throws IOException {
        return ch.read(ByteBuffer.wrap(b, off, Math.min(len, MAX_REQUEST)));
    }

    /** Reads up to {@code len} bytes at {@code position} into {@code b[off...]}: the count, or -1 at the end. */
    public static int read(FileChannel ch, byte[] b, int off, int len, long position) throws IOException {
        return ch.read(ByteBuffer.wrap(b, off, Math.min(len, MAX_REQUEST)), position);
    }
}
