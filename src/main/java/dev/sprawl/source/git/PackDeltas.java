package dev.sprawl.source.git;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.eclipse.jgit.internal.storage.file.Pack;

/**
 * Reads how a packed blob was stored: when git stored it as a delta against another blob, which blob
 * that is and the runs of bytes copied from it, so detection can look only at what changed
 * ({@link dev.sprawl.detect.Detector.Session#detectDerived}), and so the blob can be built from its
 * base's bytes when those are still at hand ({@link #apply}) instead of being read again through
 * JGit. Thread-safe (positional reads).
 */
final class PackDeltas implements AutoCloseable {

    /** Deltas larger than this are not parsed (the blob is then detected in full). */
    static final int MAX_DELTA_BYTES = 16 * 1024 * 1024;
    /** Bytes read at once from the pack while inflating a delta. */
    private static final int READ_CHUNK = 8192;

    /** Most pack bytes mapped at once; packs beyond it are read through their channel. */
    static final long MAX_MAPPED_BYTES = MemoryBudget.DELTA_MAPPED_BYTES;
    /** The limit in force (tests lower it to read through the channels). */
    static volatile long mapLimit = MAX_MAPPED_BYTES;


    private final List<FileChannel> packs = new ArrayList<>();
    /**
     * Each pack mapped into memory, so headers and deltas are read without a call per read; null for
     * packs past {@link #MAX_MAPPED_BYTES} or that cannot be mapped.
     */
    private final List<MappedByteBuffer> maps = new ArrayList<>();
    private final List<BlobNode> order;
    private final HistoryIndex index;

    /**
     * @param packs the packs, numbered as in the blobs' {@code pack}
     * @param order the blobs in pack order
     */
    PackDeltas(List<Pack> packs, List<BlobNode> order, HistoryIndex index) {
        this.order = order;
        this.index = index;
        long mapped = 0;
        for (Pack p : packs) {
            FileChannel ch = null;
            try {
                ch = FileChannel.open(p.getPackFile().toPath(), StandardOpenOption.READ);
            } catch (IOException | RuntimeException e) {
                // not readable: its blobs are simply detected in full
            }
            this.packs.add(ch);
            MappedByteBuffer map = null;
            try {
                if (ch != null && mapped + ch.size() <= mapLimit) {
                    map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
                    mapped += ch.size();
                }
            } catch (IOException | RuntimeException e) {
                // read through the channel instead
            }
            maps.add(map);
        }
    }

    /**
     * Links every packed blob stored as a delta to its base when the base is a scanned blob too
     * ({@link BlobNode#base}), and counts each base's dependents.
     */
    void link(List<BlobNode> blobs) {
        ByteBuffer head = ByteBuffer.allocate(PackHeader.MAX_BYTES);
        for (BlobNode b : blobs) {
            Header h = header(b, head);
            if (h != null && h.base != null && h.base != b) {
                b.base = h.base;
                h.base.addDependent();
            }
        }
    }

    /**
     * The inflated delta of a blob linked to a base — git's instructions for building it from the
     * base — or null (unreadable, malformed, too large).
     */
    byte[] delta(BlobNode blob, Inflater inflater) {
        Header h = header(blob, ByteBuffer.allocate(PackHeader.MAX_BYTES));
        if (h == null || h.base != blob.base || h.size < 0 || h.size > MAX_DELTA_BYTES) {
            return null;
        }
        try {
            MappedByteBuffer map = maps.get(blob.pack);
            if (map != null) {
                return inflate(map, h.dataAt, (int) h.size, inflater);
            }
            return inflate(packs.get(blob.pack), h.dataAt, (int) h.size, inflater);
        } catch (IOException | DataFormatException | RuntimeException e) {
            return null;
        }
    }

    /** A delta's header: its inflated size, base and where its compressed data starts. */
    private record Header(long size, BlobNode base, long dataAt) {
    }

    private Header header(BlobNode blob, ByteBuffer head) {
        if (blob.pack >= packs.size() || packs.get(blob.pack) == null) {
            return null;
        }
        try {
            MappedByteBuffer map = maps.get(blob.pack);
            if (map != null) {
                int at = (int) blob.offset;
                head = map.slice(at, Math.min(PackHeader.MAX_BYTES, map.capacity() - at));
            } else {
                head.clear();
                packs.get(blob.pack).read(head, blob.offset);
                head.flip();
            }
            PackHeader h = PackHeader.parse(head);
            if (h == null) {
                return null;
            }
            BlobNode base;
            if (h.type() == PackHeader.OFS_DELTA) {
                base = at(blob.pack, blob.offset - h.baseBack());
            } else if (h.type() == PackHeader.REF_DELTA) {
                base = index.get(h.baseId());
            } else {
                return null;
            }
            return new Header(h.size(), base, blob.offset + h.length());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The blob at a pack position, or null when that object is not one of the scanned blobs. */
    private BlobNode at(int pack, long offset) {
        int lo = 0;
        int hi = order.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            BlobNode b = order.get(mid);
            int cmp = b.pack != pack ? Integer.compare(b.pack, pack) : Long.compare(b.offset, offset);
            if (cmp == 0) {
                return b;
            } else if (cmp < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    /**
     * Inflates straight from the mapped pack. The output grows as bytes arrive instead of being
     * allocated at the size the header claims: a hostile header may claim any size, the real delta is
     * at most what its compressed bytes inflate to.
     */
    private static byte[] inflate(MappedByteBuffer map, long pos, int size, Inflater inf) throws DataFormatException {
        inf.reset();
        inf.setInput(map.slice((int) pos, map.capacity() - (int) pos));
        byte[] out = new byte[firstChunk(size)];
        int done = 0;
        while (done < size) {
            if (done == out.length) {
                out = grow(out, size);
            }
            int n = inf.inflate(out, done, out.length - done);
            if (n == 0 && (inf.finished() || inf.needsDictionary() || inf.needsInput())) {
                break;
            }
            done += n;
        }
        if (done != size) {
            throw new DataFormatException("short delta");
        }
        return out;
    }

    /** Each thread's buffer for reading compressed bytes from a channel. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(READ_CHUNK));

    private static byte[] inflate(FileChannel ch, long pos, int size, Inflater inf)
            throws IOException, DataFormatException {
        inf.reset();
        byte[] out = new byte[firstChunk(size)];
        int done = 0;
        ByteBuffer in = READ_BUFFER.get();
        while (done < size) {
            if (inf.needsInput()) {
                in.clear();
                int n = ch.read(in, pos);
                if (n <= 0) {
                    throw new DataFormatException("truncated");
                }
                pos += n;
                inf.setInput(in.array(), 0, n);
            }
            if (done == out.length) {
                out = grow(out, size);
            }
            int n = inf.inflate(out, done, out.length - done);
            if (n == 0 && (inf.finished() || inf.needsDictionary())) {
                break;
            }
            done += n;
        }
        if (done != size) {
            throw new DataFormatException("short delta");
        }
        return out;
    }

    /** The first output buffer for a delta whose header claims {@code size} bytes. */
    private static int firstChunk(int size) {
        return Math.min(size, 8 * READ_CHUNK);
    }

    /** A buffer twice as large (at most {@code size}) holding what {@code out} holds. */
    private static byte[] grow(byte[] out, int size) {
        return Arrays.copyOf(out, (int) Math.min(size, 2L * out.length));
    }

    /** The size of the blob a delta builds, as its header says, or -1 when unreadable. */
    static long targetSize(byte[] d) {
        int[] p = {0};
        return varint(d, p) < 0 ? -1 : varint(d, p);
    }

    /** The copy instructions of a git delta as (dst, src, length) triples, or null when malformed. */
    static int[] runs(byte[] d) {
        return walk(d, null, null);
    }

    /**
     * The blob a delta builds from {@code base}: its copy and insert instructions applied, or null
     * when the delta does not fit the base (wrong source size, a copy outside it, a short result).
     */
    static byte[] apply(byte[] d, byte[] base) {
        byte[][] built = new byte[1][];
        return walk(d, base, built) == null ? null : built[0];
    }

    /**
     * Walks a delta's instructions and returns its copy runs as (dst, src, length) triples, or null when
     * it is malformed; with a {@code base}, also builds the blob into {@code built[0]} (then a base of
     * another size than the delta's source is malformed too).
     */
    static int[] walk(byte[] d, byte[] base, byte[][] built) {
        return walk(d, base, built, null);
    }

    /**
     * As {@link #walk(byte[], byte[], byte[][])}, building into {@code into} when it is large enough (then
     * {@code built[0]} is {@code into} and only its first {@link #targetSize} bytes are the blob's; bytes past
     * them are left as they were).
     */
    static int[] walk(byte[] d, byte[] base, byte[][] built, byte[] into) {
        int[] p = {0};
        long srcSize = varint(d, p);
        long dstSize = varint(d, p);
        if (srcSize < 0 || dstSize < 0 || srcSize > Integer.MAX_VALUE || dstSize > Integer.MAX_VALUE - 8
                || (base != null && srcSize != base.length)
                || dstSize > (long) d.length * Math.max(srcSize, 0x7F)) {
            // the last: each instruction takes a byte of the delta at least and yields at most the
            // whole source (a copy) or 127 bytes (an insert), so a larger declared size is a lie
            // that must not be allocated
            return null;
        }
        byte[] out = base == null ? null : into != null && into.length >= dstSize ? into : new byte[(int) dstSize];
        int[] runs = new int[48];
        int n = 0;
        long dst = 0;
        int i = p[0];
        try {
            while (i < d.length) {
                int cmd = d[i++] & 0xFF;
                if ((cmd & 0x80) != 0) {
                    long off = 0;
                    long len = 0;
                    for (int b = 0; b < 4; b++) {
                        if ((cmd & (1 << b)) != 0) {
                            off |= (long) (d[i++] & 0xFF) << (8 * b);
                        }
                    }
                    for (int b = 0; b < 3; b++) {
                        if ((cmd & (0x10 << b)) != 0) {
                            len |= (long) (d[i++] & 0xFF) << (8 * b);
                        }
                    }
                    if (len == 0) {
                        len = 0x10000;
                    }
                    if (off + len > srcSize || dst + len > dstSize) {
                        return null;
                    }
                    if (n + 3 > runs.length) {
                        runs = Arrays.copyOf(runs, runs.length * 2);
                    }
                    runs[n++] = (int) dst;
                    runs[n++] = (int) off;
                    runs[n++] = (int) len;
                    if (out != null) {
                        System.arraycopy(base, (int) off, out, (int) dst, (int) len);
                    }
                    dst += len;
                } else if (cmd != 0) {
                    if (i + cmd > d.length || dst + cmd > dstSize) {
                        return null;
                    }
                    if (out != null) {
                        System.arraycopy(d, i, out, (int) dst, cmd);
                    }
                    i += cmd;
                    dst += cmd;
                } else {
                    return null;
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return null; // an instruction cut short
        }
        if (dst != dstSize || i != d.length) {
            return null;
        }
        if (built != null) {
            built[0] = out;
        }
        return Arrays.copyOf(runs, n);
    }

    private static long varint(byte[] d, int[] p) {
        long v = 0;
        int shift = 0;
        int c;
        do {
            if (p[0] >= d.length || shift > 56) {
                return -1;
            }
            c = d[p[0]++] & 0xFF;
            v |= (long) (c & 0x7F) << shift;
            shift += 7;
        } while ((c & 0x80) != 0);
        return v;
    }

    @Override
    public void close() {
        for (FileChannel ch : packs) {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException ignored) {
                // closing a read-only channel
            }
        }
    }
}
